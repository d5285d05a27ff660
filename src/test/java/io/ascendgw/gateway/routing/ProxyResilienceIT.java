package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries before the first byte, the circuit breaker, and cancellation reaching the engine, against the packaged
 * gateway with two real simulated engines (20 ms per decode step, so requests take seconds).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyResilienceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(workDir, 2, "--sim-decode-base-ms,20", Map.of(
                "gateway.routing.circuit-breaker.open-duration", "10s",
                "gateway.routing.circuit-breaker.failure-threshold", "3"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void shouldAnswerEveryRequestWhenAnEngineIsKilledBeforeTheirFirstByte() {
        // Given six non-streaming requests in flight on both engines (each takes about 2 s)
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(fixture.http.sendAsync(fixture.postRequest(GatewayFixture.chat("kill test " + i, 100,
                    false)), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(WAIT).until(() -> fixture.simEngine(0).path("running").asInt() > 0
                && fixture.simEngine(1).path("running").asInt() > 0);
        // When engine 0 is killed (nothing had reached those clients yet)
        ProcessHandle.of(fixture.enginePid(0)).ifPresent(ProcessHandle::destroyForcibly);
        // Then every request still succeeds, the killed engine's ones after a retry on the other engine
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.join();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"completion_tokens\":100");
        }
        await().atMost(WAIT).until(() -> fixture.gateway.output().contains("attempts=2"));
        fixture.awaitEnginesReady(2, WAIT);
    }

    @Test
    @Order(2)
    void shouldStopSendingToAFailingEngineAndComeBackWhenItRecovers() {
        // Given engine 0 answers every generation request with 500
        fixture.faults(0, "{\"failRate\":1.0}");
        long before = fixture.simEngine(0).path("generationRequests").asLong();
        // When requests are sent one after another until engine 0 has failed three of them
        for (int i = 0; i < 60 && requestsOnEngine0Since(before) < 3; i++) {
            HttpResponse<String> r = fixture.post(GatewayFixture.chat("breaker " + i, 2, false));
            // Then each succeeds (retried on engine 1 when engine 0 failed it)
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(requestsOnEngine0Since(before)).isEqualTo(3);
        // And while the breaker is open (10 s), no request reaches engine 0
        for (int i = 0; i < 10; i++) {
            assertThat(fixture.post(GatewayFixture.chat("open " + i, 2, false)).statusCode()).isEqualTo(200);
        }
        assertThat(requestsOnEngine0Since(before)).isEqualTo(3);
        // When engine 0 recovers, Then after the open time a probe finds it healthy and it serves again
        fixture.faults(0, "{\"clear\":true}");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertThat(fixture.post(GatewayFixture.chat("recovery", 2, false)).statusCode()).isEqualTo(200);
            return requestsOnEngine0Since(before) >= 6;
        });
    }

    private static long requestsOnEngine0Since(long before) {
        return fixture.simEngine(0).path("generationRequests").asLong() - before;
    }

    @Test
    @Order(3)
    void shouldAbortTheEngineRequestWhenAStreamingClientDisconnects() throws Exception {
        // Given a streaming request for 2000 tokens (about 40 s) that has started streaming
        try (Socket socket = fixture.openRequest(GatewayFixture.chat("cancel me streaming", 2000, true))) {
            assertThat(GatewayFixture.readUntil(socket, "data: ")).startsWith("HTTP/1.1 200");
            await().atMost(WAIT).until(() -> runningOnEngines() == 1);
        }
        // When the client has gone (socket closed), Then the engine stops working on it well before it would end
        await().atMost(Duration.ofSeconds(20)).until(() -> runningOnEngines() == 0);
    }

    @Test
    @Order(4)
    void shouldAbortTheEngineRequestWhenANonStreamingClientDisconnects() throws Exception {
        // Given a non-streaming request for 2000 tokens running on an engine
        try (Socket socket = fixture.openRequest(GatewayFixture.chat("cancel me whole", 2000, false))) {
            await().atMost(WAIT).until(() -> runningOnEngines() == 1);
        }
        // When the client has gone, Then the engine aborts it
        await().atMost(Duration.ofSeconds(20)).until(() -> runningOnEngines() == 0);
    }

    private static int runningOnEngines() {
        return fixture.simEngine(0).path("running").asInt() + fixture.simEngine(1).path("running").asInt();
    }
}
