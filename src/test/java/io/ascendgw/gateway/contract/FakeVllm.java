package io.ascendgw.gateway.contract;

import java.util.List;

import io.ascendgw.gateway.testing.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in vLLM server on a free loopback port that answers with the recorded vLLM fixtures: {@code /health},
 * {@code /v1/models}, {@code /metrics}, and chat/completions as JSON or SSE. A request with
 * {@code "max_tokens": 13} gets two stream events and then a dropped connection, as an engine that dies mid-stream.
 */
final class FakeVllm implements AutoCloseable {

    static final String MODEL = "qwen2.5-7b-instruct";
    static final int DIE_MID_STREAM = 13;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpServer server;

    FakeVllm() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/health" -> request.response().end();
            case "/v1/models" -> json(request, Fixtures.text("vllm/models.json"));
            case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4")
                    .end(Fixtures.text("vllm/metrics-v1.txt"));
            case "/v1/chat/completions" -> generate(request, "chat-completion");
            case "/v1/completions" -> generate(request, "completion");
            default -> request.response().setStatusCode(404).end("{\"detail\":\"Not Found\"}");
        }
    }

    private void generate(HttpServerRequest request, String fixture) {
        request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            if (!body.getBoolean("stream", false)) {
                json(request, Fixtures.text("vllm/" + fixture + ".json"));
                return;
            }
            String stream = Fixtures.text("vllm/" + fixture + "-stream.txt");
            var response = request.response().setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8");
            if (body.getInteger("max_tokens", 0) == DIE_MID_STREAM) {
                List<String> events = List.of(stream.split("\n\n"));
                response.write(events.get(0) + "\n\n" + events.get(1) + "\n\n")
                        .onComplete(done -> vertx.setTimer(50, t -> request.connection().close()));
                return;
            }
            response.end(stream);
        });
    }

    private static void json(HttpServerRequest request, String body) {
        request.response().putHeader("content-type", "application/json").end(body);
    }
}
