package io.ascendgw.gateway.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A minimal OpenAI-compatible upstream in the test JVM that records exactly what the gateway sent it (headers and
 * body bytes) and answers with fixed bytes, so tests can check what crosses the proxy unchanged. Serves
 * {@code /health}, {@code /version} ({@value #VERSION}), {@code /v1/models} (model {@value #MODEL}) and
 * {@code POST /v1/*}, streamed when asked.
 */
public final class RecordingUpstream implements AutoCloseable {

    public static final String MODEL = "recorded-model";

    /** What it answers on {@code /version}: an older vLLM than the simulators' default. */
    public static final String VERSION = "0.7.3";
    /** The events every streaming request is answered with. */
    public static final String STREAM = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\","
            + "\"choices\":[{\"index\":0,\"text\":\"hi\",\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,"
            + "\"text\":\"!\",\"finish_reason\":\"length\"}]}\n\n"
            + "data: [DONE]\n\n";

    /** Request header asking for the non-streaming answer in this many writes, 20 ms apart. */
    public static final String PIECES_HEADER = "X-Test-Answer-Pieces";
    /** Request header asking for the first half of the non-streaming answer, then a closed connection. */
    public static final String CUT_HEADER = "X-Test-Answer-Cut";

    /** One request as the upstream received it. */
    public record Received(String path, MultiMap headers, Buffer body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<HttpConnection, String> lastRequestOn = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Long> lastAnsweredOn = new ConcurrentHashMap<>();
    private final Map<String, Duration> idleBeforeClose = new ConcurrentHashMap<>();
    private final AtomicInteger streamsSent = new AtomicInteger();
    private final AtomicInteger versionRequestsLeftUnanswered = new AtomicInteger();
    private volatile Buffer answer = Buffer.buffer("{\"id\":\"cmpl-1\",  \"object\" : \"text_completion\","
            + "\"choices\":[{\"index\":0,\"text\":\"caf\u00e9 \u4f60\u597d\",\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":5,\"completion_tokens\":2}}");

    public RecordingUpstream() {
        server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/health" -> request.response().end();
                case "/metrics" -> request.response().putHeader("content-type", "text/plain").end();
                case "/version" -> {
                    if (versionRequestsLeftUnanswered.getAndDecrement() <= 0) {
                        request.response().putHeader("content-type", "application/json")
                                .end("{\"version\":\"" + VERSION + "\"}");
                    }
                }
                case "/v1/models" -> request.response().putHeader("content-type", "application/json")
                        .end("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\","
                                + "\"owned_by\":\"vllm\",\"root\":\"" + MODEL + "\",\"max_model_len\":4096}]}");
                default -> request.body().onSuccess(body -> {
                    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
                    received.add(new Received(request.path(), copy, body.copy()));
                    trackIdleness(request.connection(), request.getHeader("X-Request-Id"));
                    if (body.toString().contains("\"stream\":true")) {
                        stream(request.response());
                    } else if (request.getHeader(PIECES_HEADER) != null) {
                        answerInPieces(request.response(), Integer.parseInt(request.getHeader(PIECES_HEADER)));
                    } else if (request.getHeader(CUT_HEADER) != null) {
                        answerHalfThenClose(request.response(), request.connection());
                    } else {
                        request.response().putHeader("content-type", "application/json").end(answer);
                    }
                });
            }
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaves the next {@code count} {@code /version} requests without an answer, like a server too busy to reply. */
    public RecordingUpstream leaveVersionRequestsUnanswered(int count) {
        versionRequestsLeftUnanswered.set(count);
        return this;
    }

    /**
     * Answers a streaming request with {@link #STREAM} and never ends the response: an engine that has sent
     * {@code [DONE]} but not the end of its response.
     */
    private void stream(HttpServerResponse response) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8").write(STREAM);
        streamsSent.incrementAndGet();
    }

    /** Sends the answer in {@code pieces} writes 20 ms apart, so the gateway reads it in as many pieces. */
    private void answerInPieces(HttpServerResponse response, int pieces) {
        Buffer whole = answer;
        response.putHeader("content-type", "application/json").putHeader("content-length", "" + whole.length());
        int size = (whole.length() + pieces - 1) / pieces;
        for (int i = 0; i < pieces; i++) {
            int end = Math.min((i + 1) * size, whole.length());
            Buffer piece = whole.getBuffer(Math.min(i * size, end), end);
            boolean last = i == pieces - 1;
            vertx.setTimer(1 + 20L * i, t -> {
                if (last) {
                    response.end(piece);
                } else {
                    response.write(piece);
                }
            });
        }
    }

    /** Declares the whole answer's length, sends half of it, then closes the connection. */
    private void answerHalfThenClose(HttpServerResponse response, HttpConnection connection) {
        Buffer whole = answer;
        response.putHeader("content-type", "application/json").putHeader("content-length", "" + whole.length())
                .write(whole.getBuffer(0, whole.length() / 2));
        vertx.setTimer(20, t -> connection.close());
    }

    /**
     * Notes that {@code requestId} is the latest request on {@code connection}, so that when the gateway closes the
     * connection, how long it had been idle since that request is known. This upstream itself never closes idle
     * connections.
     */
    private void trackIdleness(HttpConnection connection, String requestId) {
        if (lastRequestOn.put(connection, requestId) == null) {
            connection.closeHandler(v -> idleBeforeClose.put(lastRequestOn.get(connection),
                    Duration.ofNanos(System.nanoTime() - lastAnsweredOn.get(connection))));
        }
        lastAnsweredOn.put(connection, System.nanoTime());
    }

    /**
     * How long the connection that carried {@code requestId} (as its last request) stayed idle before the gateway
     * closed it; empty while it is open.
     */
    public Optional<Duration> idleBeforeClose(String requestId) {
        return Optional.ofNullable(idleBeforeClose.get(requestId));
    }

    /** Streaming requests answered so far. */
    public int streamsSent() {
        return streamsSent.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The bytes every generation request is answered with. */
    public Buffer answer() {
        return answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
