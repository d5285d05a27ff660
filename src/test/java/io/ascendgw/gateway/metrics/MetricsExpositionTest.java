package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineState;
import io.ascendgw.gateway.metrics.npu.NpuFamilies;
import io.ascendgw.gateway.metrics.npu.NpuInfoParse;
import io.ascendgw.gateway.metrics.npu.NpuOwnership;
import io.ascendgw.gateway.metrics.npu.NpuSmiInfoParser;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.testing.Scrape;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The whole /metrics text: gateway meters, engine families of fresh scrapes only, NPU families. */
class MetricsExpositionTest {

    private static final long STALE_AFTER = Duration.ofSeconds(5).toNanos();

    private PrometheusMeterRegistry registry;
    private GatewayMetrics metrics;
    private List<MetricFamily> npuFamilies;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new GatewayMetrics(registry);
        NpuInfoParse parse = new NpuSmiInfoParser().parse(TestFixtures.read("fixtures/npu-smi/info-910b-8.txt"));
        npuFamilies = NpuFamilies.of(((NpuInfoParse.Parsed) parse).snapshot(), Map.of(0, "fresh"),
            new NpuOwnership(Map.of(), pid -> -1));
    }

    @Test
    void shouldExportOnlyFreshEnginesWhenOneScrapeIsStaleAndOneEngineIsDown() {
        // Given a V1 engine scraped just now, a 0.7.3 engine scraped 10 s ago, and one in backoff with a fresh scrape
        Engine fresh = Engines.scraped(Engines.ready("fresh", List.of(0)), "fixtures/vllm/metrics-v1.txt", 0);
        Engine stale = Engines.scraped(Engines.ready("stale", List.of(1, 2)), "fixtures/vllm/metrics-v0.7.txt",
            Duration.ofSeconds(10).toNanos());
        Engine down = Engines.scraped(Engines.ready("down", List.of(3)), "fixtures/vllm/metrics-v1.txt", 0);
        down.transition(s -> ((EngineState.Ready) s).toBackoff(Instant.now(), Duration.ofSeconds(1), "crash"));

        // When
        Scrape scrape = render(List.of(fresh, stale, down));

        // Then only the fresh engine's vLLM series are there, labelled with our engine id and its NPUs
        assertThat(scrape.samples("vllm:num_requests_running")).singleElement().satisfies(s -> assertThat(
            s.labels().asMap()).containsEntry("engine", "fresh").containsEntry("npu", "0")
            .containsEntry("exported_engine", "0"));
        assertThat(scrape.has("vllm:gpu_cache_usage_perc")).isFalse();
        assertThat(scrape.sampleNames()).filteredOn(n -> n.startsWith("vllm:")).isNotEmpty();
        assertThat(scrape.samples("vllm:e2e_request_latency_seconds_bucket"))
            .allSatisfy(s -> assertThat(s.labels().getOrDefault("engine", "")).isEqualTo("fresh"));
        // and the others are marked as not current
        assertThat(scrape.sum("gateway_engine_metrics_up", "engine", "fresh")).isEqualTo(1);
        assertThat(scrape.sum("gateway_engine_metrics_up", "engine", "stale")).isZero();
        assertThat(scrape.sum("gateway_engine_metrics_up", "engine", "down")).isZero();
        assertThat(scrape.sum("gateway_engine_state", "engine", "down", "state", "backoff")).isEqualTo(1);
        // and the NPU families follow
        assertThat(scrape.sum("npu_chip_info_hbm_used_memory", "id", "2")).isEqualTo(58952);
    }

    @Test
    void shouldWriteHelpAndTypeOnceForEveryFamilyWhenEverythingIsRendered() {
        // Given two fresh engines of both vLLM generations and some traffic
        Engine v1 = Engines.scraped(Engines.ready("v1", List.of(0)), "fixtures/vllm/metrics-v1.txt", 0);
        Engine v07 = Engines.scraped(Engines.ready("v07", List.of(1)), "fixtures/vllm/metrics-v0.7.txt", 0);
        metrics.recordRequest(new GatewayMetrics.RequestKey("m", "chat", true, "2xx", "ok", ""), 1_000_000, 500_000);

        // When
        Scrape scrape = render(List.of(v1, v07));

        // Then the text parses cleanly and each family has exactly one HELP and one TYPE line
        assertThat(scrape.parsed().skippedLines()).isEmpty();
        Map<String, Long> helps = count(scrape.text(), "# HELP ");
        Map<String, Long> types = count(scrape.text(), "# TYPE ");
        assertThat(helps.values()).allMatch(n -> n == 1);
        assertThat(types.values()).allMatch(n -> n == 1);
        assertThat(helps.keySet()).isEqualTo(types.keySet());
        assertThat(scrape.families()).allSatisfy(f -> assertThat(f.help()).as(f.name()).isNotBlank());
        // and both namings of the KV-cache gauge are there, each under its own name
        assertThat(scrape.sum("vllm:kv_cache_usage_perc", "engine", "v1")).isEqualTo(0.0424);
        assertThat(scrape.has("vllm:gpu_cache_usage_perc", "engine", "v07")).isTrue();
    }

    private Scrape render(List<Engine> engines) {
        EngineMeters meters = new EngineMeters(metrics, STALE_AFTER, pool -> 0, null);
        MetricsExposition exposition = new MetricsExposition(registry, () -> engines, meters, STALE_AFTER,
            () -> npuFamilies);
        return Scrape.of(exposition.render());
    }

    private static Map<String, Long> count(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).split(" ")[0])
            .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }
}
