package io.ascendgw.gateway.proxy;

import io.vertx.core.buffer.Buffer;

/**
 * Splits an SSE byte stream at event boundaries ({@code \n\n}, as vLLM frames them), so the relay forwards whole
 * events the moment they are complete and can look at each one. A trailing partial event waits for its rest; one that
 * grows past {@link #MAX_PENDING} is forwarded as is rather than buffered without bound.
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
        int cut = lastBoundary(all);
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

    private static int lastBoundary(Buffer buffer) {
        for (int i = buffer.length() - 1; i > 0; i--) {
            if (buffer.getByte(i) == '\n' && buffer.getByte(i - 1) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Calls {@code visitor} with the bounds {@code [start, end)} of each event in a region returned by push. */
    static void forEachEvent(Buffer region, EventVisitor visitor) {
        int start = 0;
        int length = region.length();
        for (int i = 1; i < length; i++) {
            if (region.getByte(i) == '\n' && region.getByte(i - 1) == '\n') {
                if (i - 1 > start) {
                    visitor.event(start, i + 1);
                }
                start = i + 1;
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
