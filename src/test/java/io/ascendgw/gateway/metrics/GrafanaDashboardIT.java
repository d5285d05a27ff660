package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Scrape;

/**
 * Every metric the Grafana dashboard queries exists in a live scrape of a gateway running engines of both vLLM
 * generations (V1 with a LoRA adapter, and 0.7.3 simulators) on the fake npu-smi, after ordinary traffic (to the
 * adapter too), one retry, and a queued and a refused request (the 0.7.3 pool takes one request at a time).
 */
class GrafanaDashboardIT {

    @TempDir
    Path workDir;

    @Test
    void shouldFindEveryQueriedMetricWhenTheGatewayIsScraped() {
        try (GatewayProcess gateway = GatewayProcess.builder(workDir.resolve("gw"))
                .property("gateway.npu.smi-path", FakeNpuSmi.path())
                .property("gateway.pools.v1.launcher", "sim")
                .property("gateway.pools.v1.model", "m-v1")
                .property("gateway.pools.v1.replicas", "2")
                .property("gateway.pools.v1.args", "--enable-lora,--lora-modules,m-v1-lora=org/m-v1-lora")
                .property("gateway.pools.legacy.launcher", "sim")
                .property("gateway.pools.legacy.model", "m-legacy")
                .property("gateway.pools.legacy.args", "--sim-vllm-version,0.7.3")
                .property("gateway.routing.pools.legacy.max-in-flight-per-engine", "1")
                .property("gateway.routing.pools.legacy.queue-max-size", "1")
                .start().awaitReady(Duration.ofSeconds(90))) {
            GatewayHttp http = new GatewayHttp(gateway.baseUrl());
            await().atMost(Duration.ofSeconds(60)).until(() -> http.engines().findValues("state").stream()
                    .allMatch(state -> state.asText().equals("ready")));

            // Given traffic of every kind the dashboard shows, on both pools, and a retry
            for (String model : new String[] {"m-v1", "m-legacy", "m-v1-lora"}) {
                assertThat(http.post("/v1/chat/completions", chat(model, true)).statusCode()).isEqualTo(200);
                assertThat(http.post("/v1/chat/completions", chat(model, false)).statusCode()).isEqualTo(200);
            }
            String failing = http.engine("v1-0").path("url").asText();
            http.post(failing + "/sim/faults", "{\"failRate\":1.0}");
            for (int i = 0; i < 40 && !http.metrics().has("gateway_retries_total"); i++) {
                http.post("/v1/chat/completions", chat("m-v1", false));
            }
            http.post(failing + "/sim/faults", "{\"clear\":true}");
            // one request holding the 0.7.3 engine, one waiting for it, one refused (the queue holds one); the holder
            // generates long enough that a loaded machine still has it running when the third request comes
            CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() -> http.post(
                    "/v1/chat/completions", chat("m-legacy", false).replace("\"max_tokens\":4", "\"max_tokens\":600")));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.metrics().sum("gateway_engine_in_flight_requests",
                    "pool", "legacy") == 1);
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> http.post(
                    "/v1/chat/completions", chat("m-legacy", false)));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.metrics().sum("gateway_queue_length") == 1);
            assertThat(http.post("/v1/chat/completions", chat("m-legacy", false)).statusCode()).isEqualTo(429);
            assertThat(holding.join().statusCode()).isEqualTo(200);
            assertThat(waiting.join().statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> http.metrics().has("vllm:gpu_cache_usage_perc")
                    && http.metrics().has("vllm:kv_cache_usage_perc"));

            // When
            Scrape scrape = http.metrics();
            Set<String> present = scrape.sampleNames();
            Map<String, Set<String>> queried = GrafanaDashboard.load().metricNames();

            // Then
            assertThat(queried).hasSizeGreaterThan(30);
            queried.forEach((where, names) -> assertThat(names).as(where).isNotEmpty()
                    .allSatisfy(name -> assertThat(present).as(where + " reads " + name).contains(name)));
        }
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
                + "\"max_tokens\":4,\"stream\":" + stream + "}";
    }
}
