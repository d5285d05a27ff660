package io.ascendgw.gateway.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A tiny OpenAI-compatible server for load-generator tests: {@code GET /v1/models} and chat/completions that stream
 * {@code max_tokens} content chunks (first after {@code firstChunkDelay}, then every {@code interChunkDelay}) with a
 * usage chunk and {@code [DONE]}, or misbehave per request as {@link Mode} says. Runs on its own Vert.x instance.
 */
final class FakeOpenAiServer implements AutoCloseable {

    static final String MODEL = "fake-model";

    /** What the server does with one request. */
    enum Mode {
        OK, HTTP_500, CLOSE_MID_STREAM, NO_DONE, IN_BAND_ERROR, HANG
    }

    /**
     * @param promptTokens reported as {@code usage.prompt_tokens}
     * @param modeForRequest mode by request sequence number (0-based, in arrival order)
     */
    record Behavior(Duration firstChunkDelay, Duration interChunkDelay, int promptTokens,
            IntFunction<Mode> modeForRequest) {

        static Behavior ok(Duration firstChunkDelay, Duration interChunkDelay) {
            return new Behavior(firstChunkDelay, interChunkDelay, 10, n -> Mode.OK);
        }

        Behavior withModes(IntFunction<Mode> modes) {
            return new Behavior(firstChunkDelay, interChunkDelay, promptTokens, modes);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Behavior behavior;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    private final boolean keepBodies;

    private FakeOpenAiServer(Behavior behavior, boolean keepBodies, int eventLoops) {
        this.behavior = behavior;
        this.keepBodies = keepBodies;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    /** Starts on a free 127.0.0.1 port; keeps request bodies for assertions. */
    static FakeOpenAiServer start(Behavior behavior) {
        return new FakeOpenAiServer(behavior, true, 1);
    }

    /** For throughput measurements: keeps no bodies. */
    static FakeOpenAiServer startLean(Behavior behavior, int eventLoops) {
        return new FakeOpenAiServer(behavior, false, eventLoops);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    int received() {
        return received.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    List<JsonObject> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/v1/models")) {
            request.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("object", "list")
                    .put("data", List.of(new JsonObject().put("id", MODEL).put("object", "model"))).encode());
            return;
        }
        request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            if (keepBodies) {
                bodies.add(body);
            }
            int n = received.getAndIncrement();
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            AtomicBoolean gone = new AtomicBoolean();
            Runnable leave = () -> {
                if (gone.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            };
            request.response().endHandler(v -> leave.run()).closeHandler(v -> leave.run());
            boolean chat = request.path().endsWith("/chat/completions");
            new FakeResponse(vertx, request.response(), behavior, behavior.modeForRequest().apply(n), chat,
                    body.getInteger("max_tokens", 16), body.getBoolean("stream", false)).start();
        });
    }
}
