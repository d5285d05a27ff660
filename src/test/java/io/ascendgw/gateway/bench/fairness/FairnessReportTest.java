package io.ascendgw.gateway.bench.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LatencySummary;
import io.ascendgw.gateway.bench.LoadSpec;

class FairnessReportTest {

    private static LatencyNumbers interactive(long ok, long failed, long refused, double ttftP50, double ttftP99) {
        return new LatencyNumbers(ok, failed, refused, ttftP50, (ttftP50 + ttftP99) / 2, ttftP99,
                ttftP50 + 1000, ttftP99 + 1000);
    }

    /** Rounds in run order: fifo's queue makes the interactive tenant wait 20 s, per-key about 0.2 s. */
    private static final List<RoundResult> ROUNDS = List.of(
            new RoundResult("fifo", 1, interactive(58, 2, 2, 20_000, 24_000), new BatchNumbers(700, 0, 179_200, 100)),
            new RoundResult("per-key", 1, interactive(60, 0, 0, 150, 400), new BatchNumbers(690, 0, 176_640, 100)),
            new RoundResult("per-key", 2, interactive(61, 0, 0, 250, 800), new BatchNumbers(700, 0, 179_200, 100)),
            new RoundResult("fifo", 2, interactive(60, 0, 0, 22_000, 26_000), new BatchNumbers(710, 1, 181_760, 100)));

    @Test
    void shouldSumCountsAndAverageEachPercentileOverAPolicysRoundsWhenSummarising() {
        // When
        List<PolicySummary> summaries = FairnessReport.summaries(ROUNDS);

        // Then fifo comes first, counts add up and percentiles are the rounds' mean
        assertThat(summaries).extracting(PolicySummary::policy).containsExactly("fifo", "per-key");
        PolicySummary fifo = summaries.get(0);
        assertThat(fifo.rounds()).isEqualTo(2);
        assertThat(fifo.interactive().completed()).isEqualTo(118);
        assertThat(fifo.interactive().failed()).isEqualTo(2);
        assertThat(fifo.interactive().refused()).isEqualTo(2);
        assertThat(fifo.interactive().ttftP50Ms()).isCloseTo(21_000, within(1e-9));
        assertThat(fifo.interactive().ttftP90Ms()).isCloseTo(23_000, within(1e-9));
        assertThat(fifo.interactive().e2eP99Ms()).isCloseTo(26_000, within(1e-9));
        // And the batch tenant's tokens/s is over both windows together
        assertThat(fifo.batch().completed()).isEqualTo(1410);
        assertThat(fifo.batch().outputTokensPerSecond()).isCloseTo(1804.8, within(1e-9));
    }

    @Test
    void shouldDivideEachPerKeyFigureByFifosWhenComputingRatios() {
        // When
        Ratios ratios = FairnessReport.ratios(ROUNDS);

        // Then
        assertThat(ratios.interactiveTtftP50()).isCloseTo(200.0 / 21_000, within(1e-12));
        assertThat(ratios.interactiveTtftP99()).isCloseTo(600.0 / 25_000, within(1e-12));
        assertThat(ratios.batchOutputTokensPerSecond()).isCloseTo(1779.2 / 1804.8, within(1e-12));
    }

    @Test
    void shouldPrintEachRoundInRunOrderThenEachPolicyThenTheRatiosWhenRenderingTheTable() {
        // When
        List<String> lines = FairnessReport.table(ROUNDS).lines().toList();

        // Then a header, the four rounds as run, the two summaries and the ratio line
        assertThat(lines.get(0)).contains("interactive tenant").contains("batch tenant");
        assertThat(lines.get(1)).startsWith("policy   round").contains("TTFT p50", "TTFT p99", "E2E p50", "out tok/s");
        assertThat(lines.get(2).split(" +")).containsExactly("fifo", "1", "58", "2", "2", "20000", "22000", "24000",
                "21000", "25000", "700", "1792");
        assertThat(lines.get(3)).startsWith("per-key      1");
        assertThat(lines.get(4)).startsWith("per-key      2");
        assertThat(lines.get(5)).startsWith("fifo         2");
        assertThat(lines.get(6).split(" +")).containsExactly("fifo", "all", "118", "2", "2", "21000", "23000",
                "25000", "22000", "26000", "1410", "1805");
        assertThat(lines.get(7).split(" +")).startsWith("per-key", "all", "121", "0", "0", "200");
        assertThat(lines.get(8)).isEqualTo("per-key / fifo: interactive TTFT p50 0.01, TTFT p99 0.02;"
                + " batch out tok/s 0.99");
        // And the group banners span their columns: the interactive one from its first, the batch one its last two
        String batchColumns = String.format("%7s %10s", "ok", "out tok/s");
        assertThat(lines.get(0)).hasSameSizeAs(lines.get(1)).startsWith(" ".repeat(16) + "-");
        assertThat(lines.get(0).indexOf("-- batch")).isEqualTo(lines.get(1).length() - batchColumns.length());
        assertThat(lines.get(1)).endsWith(batchColumns);
    }

    @Test
    void shouldCarryRoundsSummariesRatiosAndSettingsWhenWritingJson() throws Exception {
        // When
        JsonNode json = new ObjectMapper().readTree(FairnessReport.json(ROUNDS,
                new ObjectMapper().createObjectNode().put("engines", 2)));

        // Then
        assertThat(json.path("settings").path("engines").asInt()).isEqualTo(2);
        assertThat(json.path("rounds")).hasSize(4);
        JsonNode last = json.path("rounds").get(3);
        assertThat(last.path("policy").asText()).isEqualTo("fifo");
        assertThat(last.path("round").asInt()).isEqualTo(2);
        assertThat(last.path("interactive").path("p99_ttft_ms").asDouble()).isEqualTo(26_000);
        assertThat(last.path("batch").path("failed").asLong()).isEqualTo(1);
        assertThat(last.path("batch").path("output_throughput").asDouble()).isCloseTo(1817.6, within(1e-9));
        JsonNode perKey = json.path("policies").get(1);
        assertThat(perKey.path("policy").asText()).isEqualTo("per-key");
        assertThat(perKey.path("rounds").asInt()).isEqualTo(2);
        assertThat(perKey.path("interactive").path("p50_ttft_ms").asDouble()).isCloseTo(200, within(1e-9));
        assertThat(json.path("policies").get(0).path("interactive").path("failed_429").asLong()).isEqualTo(2);
        assertThat(json.path("per_key_vs_fifo").path("interactive_p99_ttft").asDouble())
                .isCloseTo(0.024, within(1e-12));
    }

    @Test
    void shouldShowNoRatioAndWriteNullWhenTheInteractiveTenantCompletedNothingUnderFifo() throws Exception {
        // Given a fifo round in which every interactive request was refused with 429
        List<RoundResult> rounds = List.of(
                new RoundResult("fifo", 1, new LatencyNumbers(0, 20, 20, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN), new BatchNumbers(500, 0, 128_000, 80)),
                new RoundResult("per-key", 1, interactive(20, 0, 0, 100, 300), new BatchNumbers(500, 0, 128_000, 80)));

        // When
        String table = FairnessReport.table(rounds);
        JsonNode json = new ObjectMapper().readTree(FairnessReport.json(rounds, new ObjectMapper().createObjectNode()));

        // Then the fifo latencies are blank, the ratios of TTFT absent and the batch's still there
        assertThat(table.lines().filter(l -> l.startsWith("fifo         1")).findFirst().orElseThrow().split(" +"))
                .containsExactly("fifo", "1", "0", "20", "20", "-", "-", "-", "-", "-", "500", "1600");
        assertThat(table).contains("interactive TTFT p50 -, TTFT p99 -; batch out tok/s 1.00");
        assertThat(json.path("rounds").get(0).path("interactive").path("p50_ttft_ms").isNull()).isTrue();
        assertThat(json.path("per_key_vs_fifo").path("interactive_p50_ttft").isNull()).isTrue();
        assertThat(json.path("per_key_vs_fifo").path("batch_output_throughput").asDouble()).isEqualTo(1.0);
    }

    @Test
    void shouldCountThe429sAmongTheFailuresWhenReadingAResult() {
        // Given a result with 3 refusals among 5 failures
        LatencySummary ttft = new LatencySummary(10, 100, 1, 50, 200, Map.of(50.0, 90.0, 90.0, 150.0, 99.0, 190.0));
        LatencySummary e2e = new LatencySummary(10, 900, 1, 800, 1200, Map.of(50.0, 880.0, 90.0, 1000.0, 99.0, 1190.0));
        BenchResult result = new BenchResult(LoadSpec.builder().build(), "m", java.time.Instant.EPOCH, 12, 10, 5,
                Map.of("http_429", 3L, "timeout", 2L), Map.of(), 1280, 640, 640, 0, ttft, ttft, ttft, e2e, 0, 0, 0);

        // When
        LatencyNumbers numbers = LatencyNumbers.of(result);
        BatchNumbers batch = BatchNumbers.of(result);

        // Then
        assertThat(numbers).isEqualTo(new LatencyNumbers(10, 5, 3, 90, 150, 190, 880, 1190));
        assertThat(batch.outputTokensPerSecond()).isCloseTo(640.0 / 12, within(1e-9));
        assertThat(batch.failed()).isEqualTo(5);
    }
}
