package io.ascendgw.gateway.sim.text;

/**
 * The simulator's stand-in for a real tokenizer: one token per four UTF-8 bytes, rounded up. Token {@code i} of a
 * text prompt is bytes {@code [4i, 4i+4)}, so prefix-cache blocks ({@link BlockHasher}) are byte ranges of
 * {@code 4 * blockSize} bytes - a gateway hashing UTF-8 bytes of the rendered prompt sees the same block
 * boundaries.
 */
public final class ApproxTokenizer {

    /** UTF-8 bytes per simulated token. */
    public static final int BYTES_PER_TOKEN = 4;

    private ApproxTokenizer() {
    }

    /** Tokens for a text of {@code utf8Bytes} bytes. */
    public static int tokensForBytes(int utf8Bytes) {
        return (utf8Bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    /** Tokens of {@code text} under the approximation. */
    public static int countTokens(CharSequence text) {
        return tokensForBytes(utf8Length(text));
    }

    /** UTF-8 length of {@code s} without encoding it (unpaired surrogates count as the 3-byte replacement). */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Pseudo token ids for {@code /tokenize}: each id is the little-endian value of its (up to) four bytes. */
    public static int[] pseudoTokenIds(byte[] utf8) {
        int[] ids = new int[tokensForBytes(utf8.length)];
        for (int i = 0; i < utf8.length; i++) {
            ids[i / BYTES_PER_TOKEN] |= (utf8[i] & 0xff) << (8 * (i % BYTES_PER_TOKEN));
        }
        return ids;
    }
}
