package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-byte and idle timeouts against the packaged gateway and one simulated engine that can be made to hang. */
class ProxyTimeoutIT {

    @TempDir
    static Path workDir;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(workDir, 1, "--sim-decode-base-ms,20", Map.of(
                "gateway.proxy.first-byte-timeout", "2s",
                "gateway.proxy.idle-timeout", "2s",
                "gateway.supervision.stall-after", "10m"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void recover() {
        fixture.faults(0, "{\"clear\":true}");
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.simEngine(0).path("running").asInt() == 0);
    }

    @Test
    void shouldAnswer504WhenTheEngineSendsNothingWithinTheFirstByteTimeout() throws Exception {
        // Given an engine that accepts requests but produces nothing
        fixture.faults(0, "{\"hang\":true}");
        // When a request is sent
        HttpResponse<String> r = fixture.post(GatewayFixture.chat("hello", 5, false));
        // Then after the first-byte timeout the client gets 504 in OpenAI's shape (not retried)
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(GatewayFixture.JSON.readTree(r.body()).path("error").path("message").asText())
                .contains("sent nothing within");
    }

    @Test
    void shouldEndTheStreamWithAnErrorEventWhenTheEngineFallsSilentMidStream() throws Exception {
        // Given a stream that has started
        try (Socket socket = fixture.openRequest(GatewayFixture.chat("hello", 300, true))) {
            assertThat(GatewayFixture.readUntil(socket, "data: ")).startsWith("HTTP/1.1 200");
            // When the engine hangs
            fixture.faults(0, "{\"hang\":true}");
            // Then after the idle timeout the stream ends with an error event and [DONE]
            String rest = GatewayFixture.readUntil(socket, "data: [DONE]");
            assertThat(rest).contains("\"code\":\"upstream_timeout\"").contains("mid-stream");
        }
    }
}
