package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * Backpressure and the total timeout against the packaged gateway: one simulated engine (20 ms per decode step)
 * that counts as saturated with one request in flight, a queue of one that waits at most 4 s, and a 10 s limit per
 * request.
 */
class ProxyLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(workDir, 1, "--sim-decode-base-ms,20", Map.of(
                "gateway.routing.saturation.max-in-flight-per-engine", "1",
                "gateway.routing.queue.max-size", "1",
                "gateway.routing.queue.timeout", "4s",
                "gateway.proxy.total-timeout", "10s"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void idle() {
        await().atMost(WAIT).until(() -> fixture.simEngine(0).path("running").asInt() == 0);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenTheQueueIsFullAndWhenTheWaitTimesOut() throws Exception {
        // Given a long request holding the only slot, and a second one waiting in the queue (for 4 s: the third must
        // arrive before it gives up, however slowly a loaded machine lets the test see that it waits)
        CompletableFuture<HttpResponse<String>> holder = sendAsync(GatewayFixture.chat("holder", 300, false));
        await().atMost(WAIT).until(() -> fixture.simEngine(0).path("running").asInt() == 1);
        CompletableFuture<HttpResponse<String>> queued = sendAsync(GatewayFixture.chat("queued", 2, false));
        // (waited for, not slept on: on a busy machine the second request can reach the gateway after the third)
        await().atMost(WAIT).until(() -> fixture.queueLength() == 1);
        // When a third request comes
        HttpResponse<String> refused = fixture.post(GatewayFixture.chat("refused", 2, false));
        // Then it is refused at once with 429 in OpenAI's shape and a Retry-After
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = GatewayFixture.JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).as(fixture.gateway::output).isEqualTo("queue_full");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_exceeded");
        // And the queued one gives up after the 4 s queue timeout (the holder needs about 6 s)
        HttpResponse<String> timedOut = queued.get();
        assertThat(timedOut.statusCode()).isEqualTo(429);
        assertThat(timedOut.headers().firstValue("Retry-After")).isPresent();
        assertThat(GatewayFixture.JSON.readTree(timedOut.body()).path("error").path("code").asText())
                .isEqualTo("queue_timeout");
        assertThat(holder.get().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeAQueuedRequestWhenTheSlotFreesAndDropOneWhoseClientLeft() throws Exception {
        // Given a streaming request holding the only slot, and a queued client that disconnects
        CompletableFuture<HttpResponse<String>> next;
        try (Socket holder = fixture.openRequest(GatewayFixture.chat("holder", 2000, true))) {
            assertThat(GatewayFixture.readUntil(holder, "data: ")).startsWith("HTTP/1.1 200");
            try (Socket leaving = fixture.openRequest(GatewayFixture.chat("leaving", 2, false))) {
                Thread.sleep(300);
            }
            Thread.sleep(300);
            // When another request comes (the queue holds one: it is refused if the leaver still sits there)
            next = sendAsync(GatewayFixture.chat("next", 2, false));
            Thread.sleep(300);
            assertThat(next).isNotDone();
        }
        // Then, once the holder's client has gone and its slot freed, the queued request is served
        HttpResponse<String> served = next.get();
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }

    @Test
    void shouldAnswer504WhenTheTotalTimeRunsOutBeforeAnyByte() throws Exception {
        // Given a non-streaming request that needs about 12 s (its answer comes in one piece at the end)
        // When the 10 s total limit passes
        HttpResponse<String> r = fixture.post(GatewayFixture.chat("too long", 600, false));
        // Then the client gets 504 and the engine request is aborted
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(GatewayFixture.JSON.readTree(r.body()).path("error").path("code").asText())
                .isEqualTo("upstream_timeout");
    }

    @Test
    void shouldEndTheStreamWithAnErrorEventWhenTheTotalTimeRunsOutMidStream() throws Exception {
        // Given a streaming request that needs about 12 s
        try (Socket socket = fixture.openRequest(GatewayFixture.chat("too long streaming", 600, true))) {
            // When the 10 s total limit passes mid-stream
            String seen = GatewayFixture.readUntil(socket, "data: [DONE]");
            // Then the stream had started (200) and ends with an error event, then [DONE]
            assertThat(seen).startsWith("HTTP/1.1 200");
            assertThat(seen).contains("\"code\":\"upstream_timeout\"").contains("took longer than");
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(String body) {
        return fixture.http.sendAsync(fixture.postRequest(body), HttpResponse.BodyHandlers.ofString());
    }
}
