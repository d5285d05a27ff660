package io.ascendgw.gateway.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Byte searches over Netty buffers at absolute indices, so the relay can inspect SSE events without decoding them to
 * strings. They take the Netty buffer rather than the Vert.x one because each Vert.x read re-checks the reference
 * count.
 */
final class Bytes {

    private Bytes() {
    }

    /** Whether {@code prefix} is at {@code from}; the caller ensures the buffer holds that many bytes. */
    static boolean startsWith(ByteBuf buffer, int from, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(ByteBuf buffer, int from, int to, byte[] needle) {
        for (int i = from; i <= to - needle.length; i++) {
            if (startsWith(buffer, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The last occurrence of {@code needle} in {@code [from, to)}, searched from the end. */
    static int lastIndexOf(ByteBuf buffer, int from, int to, byte[] needle) {
        for (int i = to - needle.length; i >= from; i--) {
            if (startsWith(buffer, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
