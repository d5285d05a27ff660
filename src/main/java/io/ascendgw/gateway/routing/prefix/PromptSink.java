package io.ascendgw.gateway.routing.prefix;

import java.util.Arrays;

/**
 * Collects the UTF-8 bytes of a rendered prompt without building strings: the first {@code limit} bytes are kept
 * (that is all the hasher reads), the rest only counted. Token-id prompts store each id as four little-endian bytes.
 * Reused per thread; not thread-safe.
 */
final class PromptSink {

    private byte[] bytes = new byte[4096];
    private int length;
    private int limit;
    private long total;
    private boolean tokenIds;

    void reset(int keepBytes) {
        length = 0;
        total = 0;
        tokenIds = false;
        limit = keepBytes;
        if (bytes.length < keepBytes) {
            bytes = new byte[Math.min(keepBytes, Integer.MAX_VALUE - 8)];
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /** Bytes kept, at most the limit. */
    int length() {
        return length;
    }

    /** Bytes of the whole rendering. */
    long total() {
        return total;
    }

    /** Whether the prompt was token ids (then there is nothing to learn about bytes per token). */
    boolean tokenIds() {
        return tokenIds;
    }

    void text(String s) {
        int n = s.length();
        int i = 0;
        // ASCII fast path straight into the array while it has room; the general loop below takes over otherwise.
        int room = Math.min(n, limit - length);
        byte[] out = bytes;
        int at = length;
        while (i < room) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        total += at - length;
        length = at;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put((byte) c);
            } else if (c < 0x800) {
                put((byte) (0xc0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xf0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                put((byte) (0x80 | (cp & 0x3f)));
            } else {
                // Unpaired surrogates encode as U+FFFD, as String.getBytes does.
                char e = Character.isSurrogate(c) ? '\uFFFD' : c;
                put((byte) (0xe0 | (e >> 12)));
                put((byte) (0x80 | ((e >> 6) & 0x3f)));
                put((byte) (0x80 | (e & 0x3f)));
            }
        }
    }

    void tokenId(int id) {
        tokenIds = true;
        put((byte) id);
        put((byte) (id >> 8));
        put((byte) (id >> 16));
        put((byte) (id >> 24));
    }

    private void put(byte b) {
        if (length < limit) {
            bytes[length++] = b;
        }
        total++;
    }

    /** A copy of the kept bytes (tests). */
    byte[] copy() {
        return Arrays.copyOf(bytes, length);
    }
}
