package io.ascendgw.gateway.bench;

import java.util.Arrays;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental Server-Sent-Events parser: feed it network buffers in any split, it calls back once per complete
 * event with that event's {@code data} bytes. Lines end with LF (a preceding CR is dropped); several {@code data:}
 * lines join with LF; comments and other fields are ignored. Works on two reusable byte arrays, so a steady stream
 * allocates nothing. Not thread-safe: one parser per response, used on its event loop; reusable after {@link #reset()}.
 */
final class SseParser {

    /** Receives complete events. Called on the thread that calls {@link #feed}. */
    interface Listener {
        /**
         * One event's data. The array is reused after the call returns: read it, do not keep it.
         *
         * @param data the data bytes (UTF-8), valid in {@code [0, length)}
         * @param length number of valid bytes
         */
        void onEvent(byte[] data, int length);
    }

    private byte[] pending = new byte[1024];
    private int pendingLength;
    private int scanFrom;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;

    /** Appends a buffer and dispatches every event it completes. */
    void feed(Buffer buffer, Listener listener) {
        int n = buffer.length();
        ensurePending(pendingLength + n);
        buffer.getBytes(0, n, pending, pendingLength);
        pendingLength += n;
        processLines(listener);
    }

    /** Same as {@link #feed(Buffer, Listener)} for raw bytes. */
    void feed(byte[] bytes, int offset, int length, Listener listener) {
        ensurePending(pendingLength + length);
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
        processLines(listener);
    }

    /**
     * End of stream: an event whose data line is complete but whose terminating blank line never came is still
     * dispatched (lenient toward servers that end with {@code data: [DONE]\n}); a partial line is dropped.
     */
    void finish(Listener listener) {
        dispatch(listener);
        reset();
    }

    /** Forgets all state so the parser can serve another response. */
    void reset() {
        pendingLength = 0;
        scanFrom = 0;
        dataLength = 0;
        hasData = false;
    }

    private void processLines(Listener listener) {
        int lineStart = 0;
        for (int i = scanFrom; i < pendingLength; i++) {
            if (pending[i] == '\n') {
                int lineEnd = i > lineStart && pending[i - 1] == '\r' ? i - 1 : i;
                onLine(lineStart, lineEnd, listener);
                lineStart = i + 1;
            }
        }
        int rest = pendingLength - lineStart;
        if (lineStart > 0 && rest > 0) {
            System.arraycopy(pending, lineStart, pending, 0, rest);
        }
        pendingLength = rest;
        scanFrom = rest;
    }

    private void onLine(int start, int end, Listener listener) {
        if (start == end) {
            dispatch(listener);
            return;
        }
        if (end - start >= 5 && pending[start] == 'd' && pending[start + 1] == 'a' && pending[start + 2] == 't'
                && pending[start + 3] == 'a' && pending[start + 4] == ':') {
            int valueStart = start + 5;
            if (valueStart < end && pending[valueStart] == ' ') {
                valueStart++;
            }
            appendData(valueStart, end);
        }
        // Comments (":…") and the event/id/retry fields carry nothing we measure.
    }

    private void appendData(int start, int end) {
        int length = end - start;
        int needed = dataLength + length + (hasData ? 1 : 0);
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(pending, start, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    private void dispatch(Listener listener) {
        if (hasData) {
            hasData = false;
            int length = dataLength;
            dataLength = 0;
            listener.onEvent(data, length);
        }
    }

    private void ensurePending(int capacity) {
        if (capacity > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(capacity, pending.length * 2));
        }
    }
}
