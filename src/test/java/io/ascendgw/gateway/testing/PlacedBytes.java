package io.ascendgw.gateway.testing;

import java.util.Arrays;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * The same bytes in the two places a Vert.x buffer can hold them besides the start of its own array: at an offset
 * inside a larger heap array (surrounded by {@code filler}) and off-heap. Code that reads a buffer's backing array
 * directly must give the same answer for both.
 */
public final class PlacedBytes {

    private PlacedBytes() {
    }

    public static List<Buffer> atAnOffsetAndOffHeap(byte[] bytes, byte filler) {
        int offset = 5;
        byte[] padded = new byte[bytes.length + 2 * offset];
        Arrays.fill(padded, filler);
        System.arraycopy(bytes, 0, padded, offset, bytes.length);
        return List.of(Buffer.buffer(Unpooled.wrappedBuffer(padded).slice(offset, bytes.length)),
                Buffer.buffer(Unpooled.directBuffer().writeBytes(bytes)));
    }
}
