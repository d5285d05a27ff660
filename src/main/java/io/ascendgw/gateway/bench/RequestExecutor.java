package io.ascendgw.gateway.bench;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends measured requests over the run's pooled keep-alive connections ({@link ClientShards}). Everything runs on the run's event loop:
 * {@link #execute} must be called there, and completion callbacks come back there. Per-response parse state is
 * pooled, so steady-state streaming allocates little beyond what Vert.x itself does.
 */
final class RequestExecutor {

    /** Reusable per-response state: the SSE parser and the ITL gap buffer. */
    static final class StreamState {
        final SseParser parser = new SseParser();
        long[] gaps = new long[256];
        int gapCount;

        void addGap(long nanos) {
            if (gapCount == gaps.length) {
                gaps = Arrays.copyOf(gaps, gaps.length * 2);
            }
            gaps[gapCount++] = nanos;
        }

        void reset() {
            parser.reset();
            gapCount = 0;
        }
    }

    private final Vertx vertx;
    private final ClientShards clients;
    private final RequestOptions postOptions;
    private final boolean stream;
    private final long timeoutMillis;
    private final ArrayDeque<StreamState> freeStates = new ArrayDeque<>();

    RequestExecutor(Vertx vertx, ClientShards clients, HttpTarget target, LoadSpec spec) {
        this.vertx = vertx;
        this.clients = clients;
        this.stream = spec.stream();
        this.timeoutMillis = spec.requestTimeout().toMillis();
        this.postOptions = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.uri(spec.endpoint().path()))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            postOptions.putHeader(header.getKey(), header.getValue());
        }
    }

    /**
     * Sends one request; {@code onDone} runs exactly once when it succeeded or failed, after the outcome was
     * recorded in {@code recorder}. Event loop only.
     */
    void execute(Buffer body, MetricsRecorder recorder, Runnable onDone) {
        new Exchange(this, recorder, onDone).start(body);
    }

    Vertx vertx() {
        return vertx;
    }

    ClientShards clients() {
        return clients;
    }

    RequestOptions postOptions() {
        return postOptions;
    }

    boolean stream() {
        return stream;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    StreamState acquireState() {
        StreamState state = freeStates.pollFirst();
        return state != null ? state : new StreamState();
    }

    void releaseState(StreamState state) {
        state.reset();
        freeStates.addFirst(state);
    }
}
