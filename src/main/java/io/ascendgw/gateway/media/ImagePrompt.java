package io.ascendgw.gateway.media;

/**
 * The text that stands for an image in a rendered prompt, shared by the simulator and the gateway: {@link #START},
 * then four ASCII characters per vision token, then {@link #END}. A tokenizer that counts four bytes per token (the
 * simulator's) therefore weighs the image at its real token count, and prefix-cache block hashes over the text cover
 * the image's identity, as vLLM's cover its multimodal hash: equal URLs render equal text, different ones differ from
 * the first token on.
 */
public final class ImagePrompt {

    public static final String START = "<|vision_start|>";
    public static final String END = "<|vision_end|>";

    /** 64 printable characters, none of them {@code <} or {@code |}, so the text never forms a special token. */
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private ImagePrompt() {
    }

    /** Payloads up to this many characters are hashed whole; longer ones are sampled. */
    static final int WHOLE_HASH_CHARS = 1 << 18;
    /** Characters hashed whole at each end of a long payload. */
    private static final int SAMPLED_ENDS = 1 << 15;
    /** A long payload's middle is read every this many characters (a prime, so no format's period lines up). */
    private static final int SAMPLE_STRIDE = 61;

    /**
     * A 64-bit hash of the URL's text; of a data URL, of its payload (so the media type spelling does not matter).
     * Reads the characters in place, without copying the string. A payload over {@value #WHOLE_HASH_CHARS}
     * characters (an inline photo) is hashed by its length, its first and last 32 Ki characters and every 61st
     * character between: this runs on the gateway's event loop per image, and two compressed images that differ
     * anywhere differ in far more than 61 consecutive characters of their encoding.
     */
    public static long identity(String url) {
        int from = 0;
        if (DataUrl.isDataUrl(url)) {
            int comma = url.indexOf(',');
            from = comma < 0 ? 0 : comma + 1;
        }
        int length = url.length();
        long h = 0xcbf29ce484222325L ^ (length - from);
        if (length - from <= WHOLE_HASH_CHARS) {
            return splitMix64(hashRange(url, from, length, h));
        }
        h = hashRange(url, from, from + SAMPLED_ENDS, h);
        for (int i = from + SAMPLED_ENDS; i < length - SAMPLED_ENDS; i += SAMPLE_STRIDE) {
            h = Long.rotateLeft((h ^ url.charAt(i)) * GOLDEN_GAMMA, 31);
        }
        return splitMix64(hashRange(url, length - SAMPLED_ENDS, length, h));
    }

    /** Folds {@code text[from, to)} into {@code h}, four characters per step. */
    private static long hashRange(String text, int from, int to, long h) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long word = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            h = Long.rotateLeft((h ^ word) * GOLDEN_GAMMA, 31);
        }
        for (; i < to; i++) {
            h = Long.rotateLeft((h ^ text.charAt(i)) * GOLDEN_GAMMA, 31);
        }
        return h;
    }

    /** Appends the image's text: {@link #START}, {@code 4 * tokens} characters derived from its identity, {@link #END}. */
    public static void render(String url, int tokens, StringBuilder out) {
        if (tokens < 0) {
            throw new IllegalArgumentException("negative token count " + tokens);
        }
        long identity = identity(url);
        out.ensureCapacity(out.length() + START.length() + 4 * tokens + END.length());
        out.append(START);
        for (int t = 0; t < tokens; t++) {
            long bits = splitMix64(identity + t * GOLDEN_GAMMA);
            for (int c = 0; c < 4; c++) {
                out.append(ALPHABET[(int) (bits >>> (6 * c)) & 63]);
            }
        }
        out.append(END);
    }

    /** The image's text, as {@link #render(String, int, StringBuilder)} appends it. */
    public static String render(String url, int tokens) {
        StringBuilder out = new StringBuilder(START.length() + 4 * tokens + END.length());
        render(url, tokens, out);
        return out.toString();
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
