package io.ascendgw.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/**
 * Watches one SSE stream on its way to the client: frames it into events, notes {@code [DONE]}, in-band errors and
 * the usage chunk, and drops that usage chunk when the gateway asked for it on the client's behalf. Bytes are passed
 * on unchanged otherwise. A Responses API stream ({@code typedEvents}) is read by its event types instead: its
 * {@code response.completed} (or {@code incomplete}, {@code failed}) event ends it and carries the usage, an
 * {@code error} event is an in-band error, and only {@code *.delta} events count as content. Event loop only.
 */
final class SseRelay {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "data: {\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_CHUNK = "\"choices\":[],\"usage\":{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELTA = ".delta\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] FINAL_TYPES = {"event: response.completed\n".getBytes(StandardCharsets.US_ASCII),
        "event: response.incomplete\n".getBytes(StandardCharsets.US_ASCII),
        "event: response.failed\n".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[] ERROR_TYPE = "event: error\n".getBytes(StandardCharsets.US_ASCII);

    private final SseFramer framer = new SseFramer();
    private final boolean dropUsageChunk;
    private final boolean typedEvents;
    private final StreamListener listener;
    private boolean done;
    private boolean sawError;
    private Usage usage;
    private String responseId;
    private int events;

    SseRelay(boolean dropUsageChunk, boolean typedEvents, StreamListener listener) {
        this.dropUsageChunk = dropUsageChunk;
        this.typedEvents = typedEvents;
        this.listener = listener;
    }

    /** Returns the bytes to forward for {@code data} (possibly empty while an event is incomplete). */
    Buffer process(Buffer data) {
        Buffer region = framer.push(data);
        if (region.length() == 0) {
            return region;
        }
        ByteSlice bytes = ByteSlice.of(region);
        int[] dropped = {-1, -1};
        int contentEvents = events;
        SseFramer.forEachEvent(bytes, (start, end) -> {
            Kind kind = typedEvents ? typedKind(bytes, start, end) : kind(bytes, start, end);
            switch (kind) {
                case DONE -> done = true;
                case ERROR -> sawError = true;
                case USAGE -> {
                    usage = UsageScanner.find(bytes, start, end);
                    if (dropUsageChunk) {
                        dropped[0] = start;
                        dropped[1] = end;
                    }
                }
                case FINAL -> {
                    done = true;
                    usage = UsageScanner.find(bytes, start, end);
                    responseId = ResponseIds.find(bytes, start, end);
                }
                case OTHER -> {
                }
                default -> events++;
            }
        });
        if (events > contentEvents) {
            listener.onEvents(System.nanoTime(), events - contentEvents);
        }
        if (dropped[0] < 0) {
            return region;
        }
        Buffer kept = Buffer.buffer(region.length() - (dropped[1] - dropped[0]));
        kept.appendBuffer(region, 0, dropped[0]);
        kept.appendBuffer(region, dropped[1], region.length() - dropped[1]);
        return kept;
    }

    private enum Kind { CONTENT, DONE, ERROR, USAGE, FINAL, OTHER }

    /** What a typed event is, by its {@code event:} line. */
    private static Kind typedKind(ByteSlice bytes, int start, int end) {
        if (end - start <= EVENT.length || !bytes.startsWith(start, EVENT)) {
            return Kind.OTHER;
        }
        int lineEnd = bytes.indexOf(start, end, (byte) '\n');
        if (lineEnd < 0) {
            return Kind.OTHER;
        }
        if (lineEnd - start > DELTA.length && bytes.startsWith(lineEnd + 1 - DELTA.length, DELTA)) {
            return Kind.CONTENT;
        }
        for (byte[] type : FINAL_TYPES) {
            if (lineEnd + 1 - start == type.length && bytes.startsWith(start, type)) {
                return Kind.FINAL;
            }
        }
        return lineEnd + 1 - start == ERROR_TYPE.length && bytes.startsWith(start, ERROR_TYPE) ? Kind.ERROR
                : Kind.OTHER;
    }

    /**
     * What the event in {@code [start, end)} is. Content events ({@code data: {"id"...}}) are told apart by a few
     * bytes: the one after {@code data: }, and the closing braces, since only the usage chunk ends in {@code }}}
     * (content chunks end in {@code ]}} or {@code null}}), so the full search for it runs once per stream.
     */
    private static Kind kind(ByteSlice bytes, int start, int end) {
        int payload = start + DATA.length;
        int length = end - start;
        if (length < DONE.length) {
            return Kind.CONTENT;
        }
        byte first = bytes.at(payload);
        if (first == '[' && bytes.startsWith(start, DONE)) {
            return Kind.DONE;
        }
        if (first == '{' && length >= ERROR.length && bytes.at(payload + 2) == 'e' && bytes.startsWith(start, ERROR)) {
            return Kind.ERROR;
        }
        if (endsWithDoubleBrace(bytes, start, end) && bytes.indexOf(start, end, USAGE_CHUNK) >= 0) {
            return Kind.USAGE;
        }
        return Kind.CONTENT;
    }

    private static boolean endsWithDoubleBrace(ByteSlice bytes, int start, int end) {
        int last = end - 1;
        while (last > start && bytes.at(last) == '\n') {
            last--;
        }
        return last > start && bytes.at(last) == '}' && bytes.at(last - 1) == '}';
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

    /** The id of the response a typed stream's last event carried, or null. */
    String responseId() {
        return responseId;
    }

    /** Content events seen (not counting usage, error and {@code [DONE]}; for typed events, the deltas). */
    int events() {
        return events;
    }

    /**
     * Told about the content events of each forwarded piece, for time-to-first-token and inter-token latency. The
     * events of one piece reach the client in one write, so they share one time.
     */
    @FunctionalInterface
    interface StreamListener {
        void onEvents(long nanoTime, int count);
    }
}
