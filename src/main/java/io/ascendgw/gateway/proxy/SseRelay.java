package io.ascendgw.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/**
 * Watches one SSE stream on its way to the client: frames it into events, notes {@code [DONE]}, in-band errors and
 * the usage chunk, and drops that usage chunk when the gateway asked for it on the client's behalf. Bytes are passed
 * on unchanged otherwise. Event loop only.
 */
final class SseRelay {

    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "data: {\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_CHUNK = "\"choices\":[],\"usage\":{".getBytes(StandardCharsets.US_ASCII);

    private final SseFramer framer = new SseFramer();
    private final boolean dropUsageChunk;
    private final StreamListener listener;
    private boolean done;
    private boolean sawError;
    private Usage usage;
    private int events;

    SseRelay(boolean dropUsageChunk, StreamListener listener) {
        this.dropUsageChunk = dropUsageChunk;
        this.listener = listener;
    }

    /** Returns the bytes to forward for {@code data} (possibly empty while an event is incomplete). */
    Buffer process(Buffer data) {
        Buffer region = framer.push(data);
        if (region.length() == 0) {
            return region;
        }
        int[] dropped = {-1, -1};
        long now = System.nanoTime();
        SseFramer.forEachEvent(region, (start, end) -> {
            if (Bytes.startsWith(region, start, end, DONE)) {
                done = true;
                return;
            }
            if (Bytes.startsWith(region, start, end, ERROR)) {
                sawError = true;
                return;
            }
            // Only an event ending in "}}" can be the usage chunk (content chunks end in "]}" or "null}"): the
            // full search runs once per stream, not once per token.
            if (endsWithDoubleBrace(region, end) && Bytes.indexOf(region, start, end, USAGE_CHUNK) >= 0) {
                usage = UsageScanner.find(region, start, end);
                if (dropUsageChunk) {
                    dropped[0] = start;
                    dropped[1] = end;
                }
                return;
            }
            events++;
            listener.onEvent(now);
        });
        if (dropped[0] < 0) {
            return region;
        }
        Buffer kept = Buffer.buffer(region.length() - (dropped[1] - dropped[0]));
        kept.appendBuffer(region, 0, dropped[0]);
        kept.appendBuffer(region, dropped[1], region.length() - dropped[1]);
        return kept;
    }

    private static boolean endsWithDoubleBrace(Buffer region, int end) {
        int last = end - 1;
        while (last > 0 && region.getByte(last) == '\n') {
            last--;
        }
        return last > 0 && region.getByte(last) == '}' && region.getByte(last - 1) == '}';
    }

    /** Bytes of an event the stream ended in the middle of. */
    Buffer remainder() {
        return framer.remainder();
    }

    boolean done() {
        return done;
    }

    boolean sawError() {
        return sawError;
    }

    /** The usage the engine reported, or null. */
    Usage usage() {
        return usage;
    }

    /** Content events seen (not counting usage, error and {@code [DONE]}). */
    int events() {
        return events;
    }

    /** Told about each content event as it passes, for time-to-first-token and inter-token latency. */
    @FunctionalInterface
    interface StreamListener {
        void onEvent(long nanoTime);
    }
}
