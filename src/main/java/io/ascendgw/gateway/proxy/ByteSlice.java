package io.ascendgw.gateway.proxy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;

/**
 * The readable bytes of a buffer as a region of a {@code byte[]}, searched with plain array loops: the relay looks at
 * every byte of every stream, and through the Netty API each search pays bounds and reference-count checks on every
 * layer of wrapping (a Vert.x buffer's bytes are a slice of an unreleasable wrapper of a heap buffer), which profiling
 * showed costing more than the searches themselves. Buffers the HTTP client and server hand over are on the heap, so
 * the array is the buffer's own; an off-heap buffer's bytes are copied. Indices are relative to the region's start.
 */
record ByteSlice(byte[] array, int offset, int length) {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static ByteSlice of(Buffer buffer) {
        ByteBuf bytes = buffer.getByteBuf();
        if (bytes.hasArray()) {
            return new ByteSlice(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        return new ByteSlice(ByteBufUtil.getBytes(bytes), 0, bytes.readableBytes());
    }

    byte at(int index) {
        return array[offset + index];
    }

    /** Whether {@code prefix} is at {@code from}; the caller ensures the region holds that many bytes. */
    boolean startsWith(int from, byte[] prefix) {
        int at = offset + from;
        for (int i = 0; i < prefix.length; i++) {
            if (array[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code value} in {@code [from, to)}, or -1. */
    int indexOf(int from, int to, byte value) {
        int found = indexOf(array, offset + from, offset + to, value);
        return found < 0 ? -1 : found - offset;
    }

    /**
     * The first {@code value} in {@code array[from, to)}, or -1, eight bytes at a time (a byte-by-byte loop took
     * twice as long on SSE streams, whose newlines are a few hundred bytes apart): a word's bytes equal to the value
     * become zero bytes under the XOR, and the lowest zero byte is found exactly by the classic has-zero-byte test.
     */
    static int indexOf(byte[] array, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(array, i) ^ pattern;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The first occurrence of {@code needle} in {@code [from, to)}, or -1. */
    int indexOf(int from, int to, byte[] needle) {
        for (int i = from; i <= to - needle.length; i++) {
            if (startsWith(i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The last occurrence of {@code needle} in {@code [from, to)}, searched from the end, or -1. */
    int lastIndexOf(int from, int to, byte[] needle) {
        for (int i = to - needle.length; i >= from; i--) {
            if (startsWith(i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The index just after the last {@code \n\n} in {@code [0, length)}, or -1. */
    int afterLastBlankLine() {
        for (int i = offset + length - 1; i > offset; i--) {
            if (array[i] == '\n' && array[i - 1] == '\n') {
                return i + 1 - offset;
            }
        }
        return -1;
    }

    String utf8(int from, int to) {
        return new String(array, offset + from, to - from, StandardCharsets.UTF_8);
    }
}
