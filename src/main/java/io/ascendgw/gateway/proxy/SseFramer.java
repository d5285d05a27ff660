package io.ascendgw.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * Splits an SSE byte stream at event boundaries ({@code \n\n}, as vLLM frames them), so the relay forwards whole
 * events the moment they are complete and can look at each one. A trailing partial event waits for its rest; one that
 * grows past {@link #MAX_PENDING} is forwarded as is rather than buffered without bound. Scans run on the Netty
 * buffer with its bulk search, not byte by byte through the Vert.x API (whose every read re-checks the buffer's
 * reference count).
 */
final class SseFramer {

    static final int MAX_PENDING = 1 << 20;

    private Buffer pending;

    /**
     * Adds bytes from the engine and returns the prefix that ends on an event boundary (possibly empty). Event loop
     * only; the returned buffer must be consumed before the next call.
     */
    Buffer push(Buffer data) {
        Buffer all = pending == null ? data : pending.appendBuffer(data);
        pending = null;
        int cut = lastBoundary(all.getByteBuf());
        if (cut == all.length()) {
            return all;
        }
        if (cut < 0) {
            if (all.length() > MAX_PENDING) {
                return all;
            }
            pending = all == data ? data.copy() : all;
            return Buffer.buffer(0);
        }
        pending = all.getBuffer(cut, all.length());
        return all.slice(0, cut);
    }

    /** Bytes received after the last complete event (a stream that ended mid-event). */
    Buffer remainder() {
        Buffer rest = pending;
        pending = null;
        return rest == null ? Buffer.buffer(0) : rest;
    }

    /** The index just after the last {@code \n\n} in {@code bytes}, or -1. */
    private static int lastBoundary(ByteBuf bytes) {
        int end = bytes.writerIndex();
        int newline = end;
        while (newline > bytes.readerIndex()) {
            newline = bytes.forEachByteDesc(bytes.readerIndex(), newline - bytes.readerIndex(),
                    b -> b != '\n');
            if (newline <= bytes.readerIndex()) {
                return -1;
            }
            if (bytes.getByte(newline - 1) == '\n') {
                return newline + 1 - bytes.readerIndex();
            }
        }
        return -1;
    }

    /**
     * Calls {@code visitor} with the bounds {@code [start, end)}, relative to its reader index, of each event in
     * {@code bytes}, the Netty view of a region returned by push.
     */
    static void forEachEvent(ByteBuf bytes, EventVisitor visitor) {
        int base = bytes.readerIndex();
        int length = bytes.readableBytes();
        int start = 0;
        int from = 0;
        while (from < length) {
            int newline = bytes.indexOf(base + from, base + length, (byte) '\n') - base;
            if (newline < 0 || newline < from) {
                break;
            }
            if (newline + 1 < length && bytes.getByte(base + newline + 1) == '\n') {
                if (newline > start) {
                    visitor.event(start, newline + 2);
                }
                start = newline + 2;
                from = start;
            } else {
                from = newline + 1;
            }
        }
        if (start < length) {
            visitor.event(start, length);
        }
    }

    @FunctionalInterface
    interface EventVisitor {
        void event(int start, int end);
    }
}
