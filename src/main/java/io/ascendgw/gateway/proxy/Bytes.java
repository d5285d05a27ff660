package io.ascendgw.gateway.proxy;

import io.vertx.core.buffer.Buffer;

/** Byte searches over Vert.x buffers, so the relay can inspect SSE events without decoding them to strings. */
final class Bytes {

    private Bytes() {
    }

    static boolean startsWith(Buffer buffer, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(Buffer buffer, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The last occurrence of {@code needle} in {@code [from, to)}, searched from the end. */
    static int lastIndexOf(Buffer buffer, int from, int to, byte[] needle) {
        outer:
        for (int i = to - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
