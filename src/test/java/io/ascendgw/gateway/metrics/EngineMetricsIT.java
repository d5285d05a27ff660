package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Scrape;

/**
 * Engine and NPU metrics of a real gateway with two simulated engines and the fake npu-smi: lifecycle meters when
 * an engine's process is killed, an engine's vLLM series dropped while its scrape is stale, npu-exporter series,
 * and the exposition as a whole.
 */
class EngineMetricsIT {

    @TempDir
    static Path workDir;

    private static GatewayProcess gateway;
    private static GatewayHttp http;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayProcess.builder(workDir.resolve("gw"))
                .property("gateway.npu.smi-path", FakeNpuSmi.path())
                .property("gateway.npu.interval", "500ms")
                .property("gateway.scrape.stale-after", "2s")
                .property("gateway.scrape.timeout", "500ms")
                // a hung engine is not killed while the staleness test runs
                .property("gateway.supervision.unhealthy-after", "120s")
                .start().awaitReady(Duration.ofSeconds(90));
        http = new GatewayHttp(gateway.baseUrl());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.metrics().has("vllm:num_requests_running", "engine",
                "embedded-0") && http.metrics().has("vllm:num_requests_running", "engine", "embedded-1"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldCountARestartAndTheExitCodeWhenAnEngineProcessIsKilled() {
        // Given
        long pid = http.engine("embedded-0").path("pid").asLong();
        assertThat(http.metrics().sum("gateway_engine_restarts_total", "engine", "embedded-0")).isZero();

        // When the engine's process dies from SIGKILL
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        // Then one restart, exit code 137, and the engine back in the ready state with its startup time
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Scrape scrape = http.metrics();
            assertThat(scrape.sum("gateway_engine_restarts_total", "engine", "embedded-0")).isEqualTo(1);
            assertThat(scrape.sum("gateway_engine_last_exit_code", "engine", "embedded-0")).isEqualTo(137);
            assertThat(scrape.sum("gateway_engine_state", "engine", "embedded-0", "state", "ready")).isEqualTo(1);
            assertThat(scrape.sum("gateway_engine_startup_seconds", "engine", "embedded-0")).isPositive();
        });
        assertThat(http.engine("embedded-0").path("pid").asLong()).isNotEqualTo(pid);
    }

    @Test
    void shouldDropAnEnginesSeriesWhileItsScrapeIsStaleAndBringThemBackAfter() {
        // Given embedded-1 answering no HTTP request any more (its process stays alive)
        String engineUrl = http.engine("embedded-1").path("url").asText();
        http.post(engineUrl + "/sim/faults", "{\"hangHttp\":true}");
        try {
            // Then its series go and it is marked not current, rather than showing frozen values
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Scrape scrape = http.metrics();
                assertThat(scrape.has("vllm:num_requests_running", "engine", "embedded-1")).isFalse();
                assertThat(scrape.has("vllm:kv_cache_usage_perc", "engine", "embedded-1")).isFalse();
                assertThat(scrape.sum("gateway_engine_metrics_up", "engine", "embedded-1")).isZero();
            });
        } finally {
            http.post(engineUrl + "/sim/faults", "{\"clear\":true}");
        }

        // and they come back once it answers again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = http.metrics();
            assertThat(scrape.has("vllm:num_requests_running", "engine", "embedded-1")).isTrue();
            assertThat(scrape.sum("gateway_engine_metrics_up", "engine", "embedded-1")).isEqualTo(1);
        });
    }

    @Test
    void shouldExportNpuExporterSeriesWithTheirEngineWhenNpuSmiPrintsATable() {
        // When
        Scrape scrape = http.metrics();

        // Then the fake npu-smi's 8 x 910B2, NPU 0 and 1 held by the embedded engines
        assertThat(scrape.sum("machine_npu_nums")).isEqualTo(8);
        assertThat(scrape.sum("npu_chip_info_hbm_used_memory", "id", "2")).isEqualTo(58952);
        assertThat(scrape.sum("npu_chip_info_power", "id", "2")).isEqualTo(236.4);
        assertThat(scrape.samples("npu_chip_info_utilization", "engine", "embedded-0")).singleElement()
                .satisfies(s -> assertThat(s.labels().getOrDefault("id", "")).isEqualTo("0"));
        assertThat(scrape.sum("gateway_npu_smi_up")).isEqualTo(1);
        // the fixture's processes on NPUs 2 and 5 are none of ours
        assertThat(scrape.sum("gateway_npu_foreign_processes")).isEqualTo(2);
    }

    @Test
    void shouldServeOneValidExpositionWithHelpOnEveryFamilyOnBothPaths() {
        // When
        HttpResponse<String> response = http.get("/metrics");
        HttpResponse<String> alias = http.get("/q/metrics");

        // Then
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        Scrape scrape = Scrape.of(response.body());
        assertThat(scrape.parsed().skippedLines()).isEmpty();
        assertThat(scrape.families()).allSatisfy(f -> assertThat(f.help()).as(f.name()).isNotBlank());
        Map<String, Long> typeLines = response.body().lines().filter(l -> l.startsWith("# TYPE "))
                .collect(Collectors.groupingBy(l -> l.split(" ")[2], Collectors.counting()));
        assertThat(typeLines.values()).allMatch(n -> n == 1);
        assertThat(typeLines.keySet()).contains("gateway_engine_state", "vllm:num_requests_running",
                "npu_chip_info_hbm_used_memory", "jvm_memory_used_bytes");
        assertThat(Scrape.of(alias.body()).families()).extracting(MetricFamily::name)
                .containsAll(scrape.families().stream().map(MetricFamily::name)
                        .filter(n -> n.startsWith("vllm:") || n.startsWith("npu_")).toList());
    }
}
