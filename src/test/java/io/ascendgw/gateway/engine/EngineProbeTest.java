package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** {@link EngineProbe#version}: the engine's answer, or null (never a failure) when there is no usable one. */
class EngineProbeTest {

    private final Vertx vertx = Vertx.vertx();
    private final EngineProbe probe = new EngineProbe(vertx, null);

    @AfterEach
    void close() throws Exception {
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server answering {@code GET /version} with {@code status} and {@code body}. */
    private EngineEndpoint serving(int status, String body) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(status)
                .end(req.path().equals("/version") ? body : "{\"detail\":\"Not Found\"}"));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        return new EngineEndpoint("127.0.0.1", port);
    }

    private String version(EngineEndpoint endpoint) throws Exception {
        return probe.version(endpoint, 2000).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReadTheVersionVllmReports() throws Exception {
        assertThat(version(serving(200, "{\"version\":\"0.9.2rc1\"}"))).isEqualTo("0.9.2rc1");
    }

    @Test
    void shouldGiveNullWithoutFailingWhenTheServerHasNoUsableAnswer() throws Exception {
        assertThat(version(serving(404, "{\"detail\":\"Not Found\"}"))).isNull();
        assertThat(version(serving(200, "<html>not json</html>"))).isNull();
        assertThat(version(serving(200, "{\"version\":11}"))).isNull();
        assertThat(version(new EngineEndpoint("127.0.0.1", FreePorts.next()))).isNull();
    }
}
