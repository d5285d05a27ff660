package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.PrometheusServer;

/**
 * A real Prometheus server scrapes the gateway (two simulated engines, the fake npu-smi) every second and its
 * query API returns gateway, engine and NPU series with the expected values. Without the {@code prometheus} binary
 * the test is skipped, unless {@code CI_REQUIRE_EXTERNAL=1}, where it fails.
 */
class PrometheusScrapeIT {

    private static final int REQUESTS = 5;

    @TempDir
    Path workDir;

    @Test
    void shouldQueryGatewayEngineAndNpuSeriesWhenPrometheusScrapesTheGateway() {
        Path binary = prometheusOrSkip();
        try (GatewayProcess gateway = GatewayProcess.builder(workDir.resolve("gw"))
                .property("gateway.npu.smi-path", FakeNpuSmi.path())
                .start().awaitReady(Duration.ofSeconds(90));
             PrometheusServer prometheus = PrometheusServer.start(binary, workDir.resolve("prom"),
                     "127.0.0.1:" + gateway.port(), "/metrics").awaitReady(Duration.ofSeconds(30))) {
            GatewayHttp http = new GatewayHttp(gateway.baseUrl());
            http.awaitEnginesReady(2, Duration.ofSeconds(90));

            // Given Prometheus scrapes the gateway successfully
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode target = prometheus.targets().path(0);
                assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up");
                assertThat(target.path("lastError").asText()).isEmpty();
            });

            // When the gateway relays a few requests
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(http.post("/v1/chat/completions", "{\"model\":\"qwen2.5-3b-instruct\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hello\"}],\"max_tokens\":3,\"stream\":" + (i % 2 == 0)
                        + "}").statusCode()).isEqualTo(200);
            }

            // Then Prometheus has the gateway's count of them, and the engines' token counters agree with it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(prometheus.value("sum(gateway_requests_total{status_class=\"2xx\"})"))
                        .contains((double) REQUESTS);
                Optional<Double> engineTokens = prometheus.value("sum(vllm:generation_tokens_total)");
                assertThat(engineTokens).contains(3.0 * REQUESTS);
                assertThat(prometheus.value("sum(gateway_completion_tokens_total)")).isEqualTo(engineTokens);
            });
            // an engine series under its vLLM name with the gateway's engine and NPU labels
            JsonNode running = prometheus.query("vllm:num_requests_running{engine=\"embedded-0\"}");
            assertThat(running).hasSize(1);
            assertThat(running.get(0).path("metric").path("npu").asText()).isEqualTo("0");
            assertThat(running.get(0).path("metric").path("exported_engine").asText()).isEqualTo("0");
            assertThat(running.get(0).path("value").get(1).asDouble()).isZero();
            // an NPU series from the fake npu-smi under npu-exporter's name
            assertThat(prometheus.value("npu_chip_info_hbm_used_memory{id=\"2\"}")).contains(58952.0);
            assertThat(prometheus.value("npu_chip_info_utilization{engine=\"embedded-1\"}")).contains(0.0);
            // and a histogram Prometheus can take a quantile of
            assertThat(prometheus.value("histogram_quantile(0.5, sum by (le) (gateway_request_duration_seconds_bucket))"))
                    .hasValueSatisfying(median -> assertThat(median).isPositive());
        }
    }

    private static Path prometheusOrSkip() {
        Optional<Path> binary = PrometheusServer.binary();
        if (binary.isEmpty() && "1".equals(System.getenv(PrometheusServer.REQUIRE_ENV))) {
            throw new AssertionError("the prometheus binary is required (" + PrometheusServer.REQUIRE_ENV
                    + "=1) but is not on PATH; install the Debian package 'prometheus'");
        }
        Assumptions.assumeTrue(binary.isPresent(), "prometheus is not installed (Debian package 'prometheus');"
                + " skipping the real-Prometheus test. Set " + PrometheusServer.REQUIRE_ENV + "=1 to make this fail.");
        return binary.get();
    }
}
