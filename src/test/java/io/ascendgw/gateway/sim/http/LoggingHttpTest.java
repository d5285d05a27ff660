package io.ascendgw.gateway.sim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.TestSim;

/** Operator-facing log lines: request logging per version, the periodic stats line only with activity. */
class LoggingHttpTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3}";

    @Test
    void shouldLogNothingPerRequestWhenV1RequestLoggingIsOff() {
        try (TestSim sim = TestSim.start("--sim-zero-delay", "--sim-stats-interval", "0")) {
            // When
            sim.post("/v1/chat/completions", CHAT);

            // Then
            assertThat(sim.log()).doesNotContain("Received request").doesNotContain("POST /v1/chat/completions");
        }
    }

    @Test
    void shouldLogRequestsAndAccessLinesWhenRequestLoggingIsOn() {
        try (TestSim v1 = TestSim.start("--sim-zero-delay", "--enable-log-requests");
                TestSim v073 = TestSim.start("--sim-zero-delay", "--sim-vllm-version", "0.7.3", "--model", "m")) {
            // When
            v1.post("/v1/chat/completions", CHAT, "X-Request-Id", "logme");
            v073.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

            // Then
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(v1.log()).contains("Received request chatcmpl-logme").contains("Added request chatcmpl-logme.")
                        .contains("\"POST /v1/chat/completions HTTP/1.1\" 200 OK");
                assertThat(v073.log()).contains("Received request chatcmpl-")
                        .contains("\"POST /v1/chat/completions HTTP/1.1\" 200 OK");
            });
            assertThat(v1.log()).doesNotContain("hi\"");
        }
    }

    @Test
    void shouldPrintTheStatsLineOnlyAfterActivityWhenTheIntervalPasses() throws Exception {
        try (TestSim sim = TestSim.start("--sim-zero-delay", "--sim-stats-interval", "0.1")) {
            // Given an idle engine
            Thread.sleep(350);
            assertThat(sim.log()).doesNotContain("Avg prompt throughput");

            // When
            sim.post("/v1/chat/completions", CHAT);

            // Then
            await().atMost(Duration.ofSeconds(2)).until(() -> sim.log().contains("Engine 000: Avg prompt throughput: "));
            assertThat(sim.log()).containsPattern("Running: 0 reqs, Waiting: 0 reqs, GPU KV cache usage: [0-9.]+%, "
                    + "Prefix cache hit rate: [0-9.]+%");
        }
    }

    @Test
    void shouldCarryRunningUsageInEveryChunkWhenContinuousUsageStatsAreRequested() {
        try (TestSim sim = TestSim.start("--sim-zero-delay")) {
            // When
            var events = TestSim.events(sim.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}],\"max_tokens\":3,\"ignore_eos\":true,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true}}").body());

            // Then role(0), tokens 1..3, final usage, [DONE]
            assertThat(events).hasSize(6);
            for (int i = 0; i < 4; i++) {
                assertThat(TestSim.json(events.get(i)).at("/usage/completion_tokens").asInt()).isEqualTo(i);
            }
        }
    }
}
