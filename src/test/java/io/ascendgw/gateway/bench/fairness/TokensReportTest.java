package io.ascendgw.gateway.bench.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LatencySummary;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.metrics.GatewayMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class TokensReportTest {

    private static final LatencyNumbers SHORT_LATENCY = new LatencyNumbers(300, 0, 0, 2_000, 3_000, 4_000, 5_000,
            9_000);

    /**
     * Per-key-requests gives both keys 300 requests in 100 s (512-token prompts, 512 or 64 out): long holds 25 slots,
     * short 3. Its second round is half as long, and short holds a single slot.
     */
    private static final TokensRound BASELINE_1 = new TokensRound("per-key-requests", 1, new TokensNumbers(100,
            new TenantService(300, 0, 153_600, 153_600, 10_000, 7_500),
            new TenantService(300, 0, 153_600, 19_200, 10_000, 9_700), SHORT_LATENCY));
    private static final TokensRound BASELINE_2 = new TokensRound("per-key-requests", 2, new TokensNumbers(50,
            new TenantService(150, 0, 76_800, 76_800, 5_000, 3_700),
            new TenantService(150, 0, 76_800, 9_600, 5_000, 4_900), SHORT_LATENCY));
    /** Per-key: 2.4 times as many short requests as long ones, so both get 414,720 weighted tokens per round. */
    private static final TokensNumbers PER_KEY = new TokensNumbers(100,
            new TenantService(270, 0, 138_240, 138_240, 10_000, 7_786),
            new TenantService(648, 2, 331_776, 41_472, 10_000, 9_287.2),
            new LatencyNumbers(648, 2, 1, 500, 800, 1_000, 1_500, 2_500));
    /** Rounds in run order. */
    private static final List<TokensRound> ROUNDS = List.of(BASELINE_1, new TokensRound("per-key", 1, PER_KEY),
            new TokensRound("per-key", 2, PER_KEY), BASELINE_2);

    @Test
    void shouldCountE2EAndSubtractTheQueueWaitWhenReadingATenantsResult() {
        // Given 10 requests of 900 ms each on average, 1,280 tokens in and 640 out, that waited 4 s in the queue
        LatencySummary e2e = new LatencySummary(10, 900, 1, 800, 1200, Map.of(50.0, 880.0, 99.0, 1190.0));
        BenchResult result = new BenchResult(LoadSpec.builder().build(), "m", Instant.EPOCH, 12, 10, 1, Map.of(),
                Map.of(), 1280, 640, 640, 0, e2e, e2e, e2e, e2e, 0, 0, 0);

        // When
        TenantService service = TenantService.of(result, 4.0);

        // Then the E2E add up to 9 s, 5 s of them on an engine, and the weight counts output twice
        assertThat(service).isEqualTo(new TenantService(10, 1, 1280, 640, 9.0, 4.0));
        assertThat(service.slotSeconds()).isCloseTo(5.0, within(1e-9));
        assertThat(service.weightedTokens()).isEqualTo(2560);
    }

    @Test
    void shouldGiveEachTenantItsRateAndShareOfBothWhenComputingARound() {
        // When
        TokensNumbers n = BASELINE_1.numbers();

        // Then the rates are over the round's 100 s and the shares over both tenants' totals
        assertThat(n.rate(n.longTenant(), ServiceMeasure.OUTPUT_TOKENS)).isCloseTo(1536, within(1e-9));
        assertThat(n.rate(n.shortTenant(), ServiceMeasure.WEIGHTED_TOKENS)).isCloseTo(1920, within(1e-9));
        assertThat(n.rate(n.longTenant(), ServiceMeasure.SLOT_SECONDS)).isCloseTo(25, within(1e-9));
        assertThat(n.rate(n.shortTenant(), ServiceMeasure.SLOT_SECONDS)).isCloseTo(3, within(1e-9));
        assertThat(n.share(n.shortTenant(), ServiceMeasure.OUTPUT_TOKENS)).isCloseTo(1.0 / 9, within(1e-12));
        assertThat(n.share(n.shortTenant(), ServiceMeasure.WEIGHTED_TOKENS)).isCloseTo(192_000.0 / 652_800,
                within(1e-12));
        assertThat(n.share(n.longTenant(), ServiceMeasure.SLOT_SECONDS)).isCloseTo(25.0 / 28, within(1e-12));
        assertThat(n.totalOutputPerSecond()).isCloseTo(1728, within(1e-9));
        // And per-key's round splits the weighted tokens evenly
        assertThat(PER_KEY.share(PER_KEY.shortTenant(), ServiceMeasure.WEIGHTED_TOKENS)).isCloseTo(0.5,
                within(1e-12));
    }

    @Test
    void shouldSumEachPolicysRoundsIntoOneWindowWhenSummarising() {
        // When
        List<TokensSummary> summaries = TokensReport.summaries(ROUNDS);

        // Then the baseline comes first; its 150 s hold 3,800 long and 400 short slot-seconds
        assertThat(summaries).extracting(TokensSummary::policy).containsExactly("per-key-requests", "per-key");
        TokensNumbers baseline = summaries.get(0).numbers();
        assertThat(summaries.get(0).rounds()).isEqualTo(2);
        assertThat(baseline.seconds()).isEqualTo(150);
        assertThat(baseline.longTenant().completed()).isEqualTo(450);
        assertThat(baseline.shortTenant().slotSeconds()).isCloseTo(400, within(1e-9));
        assertThat(baseline.rate(baseline.longTenant(), ServiceMeasure.SLOT_SECONDS)).isCloseTo(3800.0 / 150,
                within(1e-9));
        assertThat(baseline.share(baseline.shortTenant(), ServiceMeasure.SLOT_SECONDS)).isCloseTo(400.0 / 4200,
                within(1e-12));
        assertThat(summaries.get(1).numbers().shortTenant().failed()).isEqualTo(4);
    }

    @Test
    void shouldDivideEachOfPerKeysShortSharesByPerKeyRequestsWhenComputingRatios() {
        // When
        TokensRatios ratios = TokensReport.ratios(ROUNDS);

        // Then
        double perKeySlots = 712.8 / (2214 + 712.8);
        assertThat(ratios.shortOutputShare()).isCloseTo((41_472.0 / 179_712) / (28_800.0 / 259_200), within(1e-12));
        assertThat(ratios.shortWeightedShare()).isCloseTo(0.5 / (288_000.0 / 979_200), within(1e-12));
        assertThat(ratios.shortSlotShare()).isCloseTo(perKeySlots / (400.0 / 4200), within(1e-9));
        assertThat(ratios.totalOutputPerSecond()).isCloseTo(1797.12 / 1728, within(1e-12));
    }

    @Test
    void shouldPrintEachRoundThenEachPolicyThenTheRatiosWhenRenderingTheTable() {
        // When
        List<String> lines = TokensReport.table(ROUNDS).lines().toList();

        // Then a header, the four rounds as run, the two summaries and the ratio line
        assertThat(lines.get(0)).contains("long tenant", "short tenant", "short tenant, ms");
        assertThat(lines.get(1).split(" +")).startsWith("policy", "round", "ok", "out", "tok/s", "wtd", "tok/s",
                "slots", "ok");
        assertThat(lines.get(2).split(" +")).containsExactly("per-key-requests", "1",
                "300", "1536", "89%", "4608", "71%", "25.0", "89%",
                "300", "192", "11%", "1920", "29%", "3.0", "11%",
                "2000", "4000", "5000", "9000", "0");
        assertThat(lines.get(3)).startsWith("per-key              1");
        assertThat(lines.get(5)).startsWith("per-key-requests     2");
        assertThat(lines.get(6).split(" +")).startsWith("per-key-requests", "all", "450", "1536", "89%");
        assertThat(lines.get(7).split(" +")).containsExactly("per-key", "all",
                "540", "1382", "77%", "4147", "50%", "22.1", "76%",
                "1296", "415", "23%", "4147", "50%", "7.1", "24%",
                "500", "1000", "1500", "2500", "4");
        assertThat(lines.get(8)).isEqualTo("per-key / per-key-requests: the short tenant's share of output tokens"
                + " 2.08, of weighted tokens 1.70, of slots 2.56; total out tok/s 1.04");
        // And the latency banner spans the latency columns, from the first one's start to the last one's end
        int latencyStart = lines.get(1).indexOf("TTFT p50");
        assertThat(lines.get(0).substring(latencyStart - 1)).startsWith(" -").contains(" short tenant, ms ");
        assertThat(lines.get(0)).hasSize(lines.get(1).indexOf("E2E p99") + "E2E p99".length());
        assertThat(lines.get(0).indexOf(" long tenant ")).isLessThan(lines.get(1).indexOf("wtd"));
    }

    @Test
    void shouldCarryTheScenarioRoundsSummariesAndRatiosWhenWritingJson() throws Exception {
        // When
        JsonNode json = new ObjectMapper().readTree(TokensReport.json(ROUNDS,
                new ObjectMapper().createObjectNode().put("engines", 2)));

        // Then
        assertThat(json.path("scenario").asText()).isEqualTo("tokens");
        assertThat(json.path("settings").path("engines").asInt()).isEqualTo(2);
        JsonNode first = json.path("rounds").get(0);
        assertThat(first.path("policy").asText()).isEqualTo("per-key-requests");
        assertThat(first.path("duration_s").asDouble()).isEqualTo(100);
        assertThat(first.path("long").path("slots_held").asDouble()).isCloseTo(25, within(1e-9));
        assertThat(first.path("long").path("slot_seconds").asDouble()).isCloseTo(2500, within(1e-9));
        assertThat(first.path("short").path("weighted_share").asDouble()).isCloseTo(192_000.0 / 652_800,
                within(1e-12));
        // And the E2E-based figure (requests in flight, waiting or not) is there to compare: 100 each
        assertThat(first.path("long").path("mean_in_flight").asDouble()).isCloseTo(100, within(1e-9));
        assertThat(first.path("short").path("mean_in_flight").asDouble()).isCloseTo(100, within(1e-9));
        assertThat(first.path("short").path("latency").path("p99_e2el_ms").asDouble()).isEqualTo(9_000);
        assertThat(json.path("policies").get(1).path("short").path("latency").path("failed_429").asLong())
                .isEqualTo(2);
        assertThat(json.path("per_key_vs_per_key_requests").path("total_output_throughput").asDouble())
                .isCloseTo(1797.12 / 1728, within(1e-12));
    }

    @Test
    void shouldReadEachTenantsQueueWaitFromTheGatewaysMetricsAndSubtractAnEarlierReading() {
        // Given the gateway's own meters, as its /metrics exposes them
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        metrics.recordQueueWait("bench-model", "long", 2_000_000_000L);
        QueueWaits before = QueueWaits.parse(registry.scrape(), List.of(Tenant.LONG, Tenant.SHORT));
        metrics.recordQueueWait("bench-model", "long", 500_000_000L);
        metrics.recordQueueWait("bench-model", "short", 250_000_000L);
        metrics.recordQueueWait("bench-model", "interactive", 9_000_000_000L);

        // When
        QueueWaits after = QueueWaits.parse(registry.scrape(), List.of(Tenant.LONG, Tenant.SHORT));

        // Then each key's own seconds, and what it waited since the first reading
        assertThat(after.seconds()).containsOnlyKeys(Tenant.LONG, Tenant.SHORT);
        assertThat(after.seconds().get(Tenant.LONG)).isCloseTo(2.5, within(1e-9));
        assertThat(after.since(before, Tenant.LONG)).isCloseTo(0.5, within(1e-9));
        assertThat(after.since(before, Tenant.SHORT)).isCloseTo(0.25, within(1e-9));
    }
}
