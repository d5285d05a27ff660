package io.ascendgw.gateway.proxy;

import io.vertx.core.buffer.Buffer;

/**
 * Splits an SSE byte stream at event boundaries ({@code \n\n}, as vLLM frames them), so the relay forwards whole
 * events the moment they are complete and can look at each one. A trailing partial event waits for its rest; one that
 * grows past {@link #MAX_PENDING} is forwarded as is rather than buffered without bound. Scans run on the bytes'
 * array ({@link ByteSlice}).
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
        int cut = ByteSlice.of(all).afterLastBlankLine();
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

    /** Calls {@code visitor} with the bounds {@code [start, end)} of each event in {@code bytes}, a region of push's. */
    static void forEachEvent(ByteSlice bytes, EventVisitor visitor) {
        byte[] array = bytes.array();
        int base = bytes.offset();
        int length = bytes.length();
        int start = 0;
        int from = base;
        int last = base + length - 1;
        while (from < last) {
            int newline = ByteSlice.indexOf(array, from, last, (byte) '\n');
            if (newline < 0) {
                break;
            }
            if (array[newline + 1] == '\n') {
                int end = newline + 2 - base;
                if (end - 2 > start) {
                    visitor.event(start, end);
                }
                start = end;
                from = newline + 2;
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
