package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.TestSim;
import io.ascendgw.gateway.sim.metrics.PromText;

/** The paced engine under load: gauges follow the scheduler, disconnects free slots, keep-alive timing. */
class LoadAndDisconnectHttpTest {

    private static final String L = "{engine=\"0\",model_name=\"m\"}";

    private static String longStream(int maxTokens) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"count\"}],\"max_tokens\":" + maxTokens
                + ",\"ignore_eos\":true,\"stream\":true}";
    }

    @Test
    void shouldShowRunningWaitingAndKvUsageWhenMoreRequestsArriveThanSlots() {
        try (TestSim sim = TestSim.start("--served-model-name", "m", "--max-num-seqs", "2", "--block-size", "16",
                "--num-gpu-blocks-override", "100", "--max-model-len", "1024", "--sim-decode-base-ms", "20", "--sim-decode-per-seq-ms", "0")) {
            // When four 30-token requests arrive together
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(sim.postAsync("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"q"
                        + i + "\"}],\"max_tokens\":30,\"ignore_eos\":true}"));
            }

            // Then two run, two wait, and KV blocks are in use
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                PromText m = sim.metrics();
                assertThat(m.value("vllm:num_requests_running" + L)).isEqualTo(2);
                assertThat(m.value("vllm:num_requests_waiting" + L)).isEqualTo(2);
                assertThat(m.value("vllm:kv_cache_usage_perc" + L)).isGreaterThan(0);
            });
            calls.forEach(c -> assertThat(c.join().statusCode()).isEqualTo(200));
            PromText after = sim.metrics();
            assertThat(after.value("vllm:num_requests_running" + L)).isZero();
            assertThat(after.value("vllm:num_requests_waiting" + L)).isZero();
            assertThat(after.value("vllm:kv_cache_usage_perc" + L)).isZero();
            assertThat(after.value("vllm:generation_tokens_total" + L)).isEqualTo(120);
            assertThat(after.value("vllm:request_success_total{engine=\"0\",finished_reason=\"length\","
                    + "model_name=\"m\"}")).isEqualTo(4);
            assertThat(after.value("vllm:request_queue_time_seconds_count" + L)).isEqualTo(4);
        }
    }

    @Test
    void shouldFreeTheSlotAndBlocksWhenAStreamingClientDisconnects() throws Exception {
        try (TestSim sim = TestSim.start("--served-model-name", "m", "--sim-decode-base-ms", "10",
                "--enable-server-load-tracking")) {
            // Given a long stream that has started
            try (RawHttp client = new RawHttp(sim.sim.port())) {
                client.post("/v1/chat/completions", longStream(5000));
                assertThat(client.readUntil("\"content\":\" ", 5000)).contains("text/event-stream");
                assertThat(sim.metrics().value("vllm:num_requests_running" + L)).isEqualTo(1);
                assertThat(sim.get("/load").body()).isEqualTo("{\"server_load\":1}");
            }

            // When the client went away (socket closed), Then the engine drops the request at once
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                PromText m = sim.metrics();
                assertThat(m.value("vllm:num_requests_running" + L)).isZero();
                assertThat(m.value("vllm:kv_cache_usage_perc" + L)).isZero();
            });
            assertThat(sim.metrics().value("vllm:generation_tokens_total" + L)).isLessThan(1000);
            await().atMost(Duration.ofSeconds(3)).until(() -> sim.get("/load").body().equals("{\"server_load\":0}"));
        }
    }

    @Test
    void shouldAbortANonStreamingRequestWhenItsClientDisconnects() throws Exception {
        try (TestSim sim = TestSim.start("--served-model-name", "m", "--sim-decode-base-ms", "10")) {
            // Given
            try (RawHttp client = new RawHttp(sim.sim.port())) {
                client.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"max_tokens\":5000,\"ignore_eos\":true}");
                await().atMost(Duration.ofSeconds(3)).until(
                        () -> sim.metrics().value("vllm:num_requests_running" + L) == 1);
            }

            // Then
            await().atMost(Duration.ofSeconds(3)).until(
                    () -> sim.metrics().value("vllm:num_requests_running" + L) == 0);
        }
    }

    @Test
    void shouldCloseIdleKeepAliveConnectionsButNeverAStreamInProgressWhenTheTimeoutPasses() throws Exception {
        try (TestSim sim = TestSim.start("--served-model-name", "m", "--sim-keep-alive-timeout", "0.3",
                "--sim-decode-base-ms", "20")) {
            // When a stream lasts longer than the keep-alive timeout
            try (RawHttp client = new RawHttp(sim.sim.port())) {
                client.post("/v1/chat/completions", longStream(40));
                String response = client.readUntil("data: [DONE]\n\n", 10_000);

                // Then it completes, and only the idle connection afterwards is closed
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                assertThat(body).contains("data: [DONE]");
                assertThat(client.closedByServerWithin(3000)).isTrue();
            }
            try (RawHttp idle = new RawHttp(sim.sim.port())) {
                idle.get("/health");
                assertThat(idle.readUntil("\r\n\r\n", 2000)).startsWith("HTTP/1.1 200");
                assertThat(idle.closedByServerWithin(3000)).isTrue();
            }
        }
    }

    @Test
    void shouldStreamEachStepAsSoonAsItIsProducedWhenPaced() throws Exception {
        try (TestSim sim = TestSim.start("--served-model-name", "m", "--sim-decode-base-ms", "100")) {
            // When
            try (RawHttp client = new RawHttp(sim.sim.port())) {
                client.post("/v1/chat/completions", longStream(20));

                // Then the first token arrives long before the whole answer could have been produced
                String early = client.readUntil("\"content\":\" ", 1500);
                assertThat(early).contains("\"role\":\"assistant\"");
                assertThat(early).doesNotContain("[DONE]");
                String all = client.readUntil("data: [DONE]", 10_000);
                String body = all.substring(all.indexOf("\r\n\r\n") + 4);
                assertThat(body).contains("finish_reason\":\"length\"");
            }
        }
    }

    @Test
    void shouldKeepTheSameTextWhenThePacedEngineIsBusy() {
        try (TestSim paced = TestSim.start("--served-model-name", "m", "--sim-decode-base-ms", "5");
                TestSim fast = TestSim.start("--served-model-name", "m", "--sim-zero-delay")) {
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"same\"}],\"max_tokens\":15,\"stream\":true}";
            // When
            List<String> a = events(paced.post("/v1/chat/completions", body).body());
            List<String> b = events(fast.post("/v1/chat/completions", body).body());

            // Then
            assertThat(a.stream().map(e -> e.replaceAll("\"(id|created)\":[^,]+,", "")).toList())
                    .isEqualTo(b.stream().map(e -> e.replaceAll("\"(id|created)\":[^,]+,", "")).toList());
        }
    }
}
