package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.TestSim;

/** Injected faults, by flag and through the control API, against an in-process simulator. */
class FaultsHttpTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":5}";
    private static final String STREAM = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":50,"
            + "\"ignore_eos\":true,\"stream\":true}";

    private static HttpResponse<String> getWithin(TestSim sim, String path, long millis) throws Exception {
        return sim.client().send(HttpRequest.newBuilder(sim.uri(path)).timeout(Duration.ofMillis(millis)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldFailADeterministicShareOfRequestsWhenAFailRateIsSet() {
        try (TestSim sim = TestSim.start("--sim-fail-rate", "0.5", "--sim-zero-delay")) {
            // When
            List<Integer> statuses = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(i -> sim.post("/v1/chat/completions", CHAT).statusCode()).toList();

            // Then every second request fails with vLLM's engine error
            assertThat(statuses).containsExactly(200, 500, 200, 500, 200, 500);
            assertThat(sim.post("/v1/chat/completions", CHAT + " ").statusCode()).isEqualTo(200);
            HttpResponse<String> failed = sim.post("/v1/chat/completions", CHAT);
            assertThat(failed.body()).isEqualTo("{\"error\":{\"message\":\"EngineCore encountered an issue. See stack "
                    + "trace (above) for the root cause.\",\"type\":\"Internal Server Error\",\"param\":null,"
                    + "\"code\":500}}");
        }
    }

    @Test
    void shouldStopProducingTokensButStayHealthyWhenTheEngineHangsAfterNRequests() throws Exception {
        try (TestSim sim = TestSim.start("--sim-hang-after-requests", "1", "--sim-zero-delay")) {
            // Given the first request is served
            assertThat(sim.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);

            // When the second arrives
            CompletableFuture<HttpResponse<String>> second = sim.postAsync("/v1/chat/completions", CHAT);

            // Then it never progresses while /health stays 200
            assertThatThrownBy(() -> second.get(700, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(sim.get("/health").statusCode()).isEqualTo(200);
            assertThat(json(sim.get("/sim/state").body()).at("/faults/hang").asBoolean()).isTrue();

            // When the fault is cleared, the queued request completes
            sim.post("/sim/faults", "{\"clear\":true}");
            assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldHangTheEngineWhenTheHangDelayHasPassed() throws Exception {
        try (TestSim sim = TestSim.start("--sim-hang-after-seconds", "0.2", "--sim-zero-delay")) {
            // When
            await().atMost(Duration.ofSeconds(3)).until(() -> sim.sim.faults().engineHung());
            CompletableFuture<HttpResponse<String>> call = sim.postAsync("/v1/chat/completions", CHAT);

            // Then
            assertThatThrownBy(() -> call.get(500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(sim.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerNothingButTheControlApiWhenHttpHangs() throws Exception {
        try (TestSim sim = TestSim.start("--sim-hang-http", "--sim-zero-delay")) {
            // Then: hung from the start, the process answers only /sim/*
            assertThatThrownBy(() -> getWithin(sim, "/health", 500)).isInstanceOf(HttpTimeoutException.class);
            assertThat(json(sim.get("/sim/state").body()).at("/faults/hangHttp").asBoolean()).isTrue();

            // When
            sim.post("/sim/faults", "{\"hang\":false,\"hangHttp\":false}");

            // Then
            assertThat(getWithin(sim, "/health", 2000).statusCode()).isEqualTo(200);

            // When hung again through the control API
            sim.post("/sim/faults", "{\"hangHttp\":true}");
            assertThatThrownBy(() -> getWithin(sim, "/v1/models", 500)).isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void shouldCutTheConnectionMidStreamWhenAbortAfterTokensIsSet() throws Exception {
        try (TestSim sim = TestSim.start("--sim-abort-stream-after-tokens", "3", "--served-model-name", "m",
                "--sim-decode-base-ms", "5")) {
            // When
            try (RawHttp client = new RawHttp(sim.sim.port())) {
                client.post("/v1/chat/completions", STREAM);

                // Then the connection closes after role + 3 token events, without [DONE]
                assertThat(client.closedByServerWithin(5000)).isTrue();
                String body = client.text().substring(client.text().indexOf("\r\n\r\n") + 4);
                assertThat(body).doesNotContain("[DONE]");
                assertThat(body.split("data: ", -1)).hasSize(1 + 4);
            }
            await().atMost(Duration.ofSeconds(3)).until(() -> sim.sim.metrics().running() == 0);
            assertThat(sim.sim.metrics().kvUsage()).isZero();
        }
    }

    @Test
    void shouldFailRequestsAndHealthWhenTheEngineIsDeclaredDead() throws Exception {
        try (TestSim sim = TestSim.start("--sim-decode-base-ms", "20")) {
            // Given a stream in progress
            CompletableFuture<HttpResponse<String>> inFlight = sim.postAsync("/v1/chat/completions", STREAM);
            await().atMost(Duration.ofSeconds(3)).until(() -> sim.sim.metrics().running() == 1);

            // When
            sim.post("/sim/faults", "{\"dead\":true}");

            // Then
            String streamed = inFlight.get(5, TimeUnit.SECONDS).body();
            assertThat(events(streamed)).last().isEqualTo("[DONE]");
            assertThat(streamed).contains("data: {\"error\": {\"message\": \"EngineCore encountered an issue.");
            assertThat(sim.get("/health").statusCode()).isEqualTo(503);
            HttpResponse<String> fresh = sim.post("/v1/chat/completions", CHAT);
            assertThat(fresh.statusCode()).isEqualTo(500);
            assertThat(json(fresh.body()).at("/error/type").asText()).isEqualTo("Internal Server Error");

            // When revived
            sim.post("/sim/faults", "{\"dead\":false}");
            assertThat(sim.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldSwitchFailuresOnAndOffWhenTheControlApiSaysSo() {
        try (TestSim sim = TestSim.start("--sim-zero-delay")) {
            // When
            sim.post("/sim/faults", "{\"failRate\":1.0}");
            int failing = sim.post("/v1/chat/completions", CHAT).statusCode();
            sim.post("/sim/faults", "{\"clear\":true}");
            int healthy = sim.post("/v1/chat/completions", CHAT).statusCode();

            // Then
            assertThat(failing).isEqualTo(500);
            assertThat(healthy).isEqualTo(200);
            assertThat(json(sim.get("/sim/state").body()).at("/engine/generationRequests").asInt()).isEqualTo(2);
        }
    }

    @Test
    void shouldCrashWhenRequestNPlusOneArrivesOrTheCrashDelayPasses() {
        try (TestSim byCount = TestSim.start("--sim-crash-after-requests", "1", "--sim-crash-exit-code", "7",
                "--sim-zero-delay")) {
            // When
            assertThat(byCount.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            byCount.postAsync("/v1/chat/completions", CHAT);

            // Then
            await().atMost(Duration.ofSeconds(3)).until(() -> byCount.crashes.equals(List.of(7)));
        }
        try (TestSim byTime = TestSim.start("--sim-crash-after-seconds", "0.2", "--sim-zero-delay")) {
            await().atMost(Duration.ofSeconds(3)).until(() -> byTime.crashes.equals(List.of(1)));
        }
        try (TestSim byApi = TestSim.start("--sim-zero-delay")) {
            byApi.post("/sim/faults", "{\"crashExitCode\":9,\"crash\":true}");
            await().atMost(Duration.ofSeconds(3)).until(() -> byApi.crashes.equals(List.of(9)));
        }
    }
}
