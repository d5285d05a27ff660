package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    /** Nearest rank: the smallest sample with at least p% of samples at or below it. */
    private static double nearestRank(long[] sortedMicros, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedMicros.length - 1e-9); // guard 99.9% of 5000 = 4995.000…1
        return sortedMicros[Math.max(0, rank - 1)] / 1e3;
    }

    @Test
    void shouldMatchDirectComputationWhenSamplesAreKnown() {
        // Given 5000 log-normal latencies between ~1 ms and a few seconds, in microseconds
        SplittableRandom random = new SplittableRandom(42);
        long[] micros = new long[5000];
        LatencyStats stats = new LatencyStats();
        double sum = 0;
        for (int i = 0; i < micros.length; i++) {
            micros[i] = 1_000 + (long) Math.exp(8 + 2 * random.nextDouble() * random.nextDouble() * 3);
            stats.recordNanos(micros[i] * 1_000);
            sum += micros[i] / 1e3;
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double mean = sum / micros.length;
        double variance = Arrays.stream(micros).mapToDouble(m -> Math.pow(m / 1e3 - mean, 2)).sum() / micros.length;

        // When
        LatencySummary summary = stats.summarize(List.of(99.9, 25.0));

        // Then mean and std are exact, percentiles within HdrHistogram's 3 significant digits
        assertThat(summary.count()).isEqualTo(5000);
        assertThat(summary.meanMs()).isCloseTo(mean, within(1e-6));
        assertThat(summary.stdMs()).isCloseTo(Math.sqrt(variance), within(1e-6));
        for (double p : new double[] {25.0, 50.0, 90.0, 99.0, 99.9}) {
            double expected = nearestRank(sorted, p);
            assertThat(summary.percentile(p)).as("p%s", p).isCloseTo(expected, within(expected * 1e-3 + 1e-3));
        }
        assertThat(summary.minMs()).isCloseTo(sorted[0] / 1e3, within(sorted[0] / 1e3 * 1e-3 + 1e-3));
        assertThat(summary.maxMs()).isCloseTo(sorted[sorted.length - 1] / 1e3,
                within(sorted[sorted.length - 1] / 1e3 * 1e-3 + 1e-3));
    }

    @Test
    void shouldGiveExactPercentilesForSmallIntegerMilliseconds() {
        // Given 1..100 ms in shuffled order
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 100; i++) {
            stats.recordNanos(((i * 37) % 100 + 1) * 1_000_000L);
        }

        // When
        LatencySummary summary = stats.summarize(List.of());

        // Then nearest-rank values
        assertThat(summary.medianMs()).isCloseTo(50.0, within(0.05));
        assertThat(summary.p90Ms()).isCloseTo(90.0, within(0.09));
        assertThat(summary.p99Ms()).isCloseTo(99.0, within(0.1));
        assertThat(summary.meanMs()).isEqualTo(50.5);
    }

    @Test
    void shouldReportNaNWhenNoSamples() {
        LatencySummary summary = new LatencyStats().summarize(List.of(95.0));

        assertThat(summary.count()).isZero();
        assertThat(summary.meanMs()).isNaN();
        assertThat(summary.percentile(95.0)).isNaN();
        assertThat(summary.p99Ms()).isNaN();
    }

    @Test
    void shouldComputeTpotFromTimeAfterFirstTokenWhenSeveralTokens() {
        // Given e2e 1100 ms, TTFT 100 ms, 11 output tokens: 1000 ms over 10 tokens after the first
        // When / Then
        assertThat(MetricsRecorder.tpotNanos(1_100_000_000L, 100_000_000L, 11)).isEqualTo(100_000_000L);
        // And it is undefined for a single token or without a first token
        assertThat(MetricsRecorder.tpotNanos(500_000_000L, 100_000_000L, 1)).isEqualTo(-1);
        assertThat(MetricsRecorder.tpotNanos(500_000_000L, -1, 10)).isEqualTo(-1);
    }

    @Test
    void shouldRecordTpotAndItlOnlyForSuccessfulRequests() {
        // Given
        MetricsRecorder recorder = new MetricsRecorder();
        long[] gaps = {10_000_000L, 20_000_000L};

        // When one success (3 tokens, 2 gaps) and one failure
        recorder.recordSuccess(130_000_000L, 100_000_000L, 7, 3, 3, gaps, 2, true);
        recorder.recordFailure(new RequestFailure.TimedOut(1000));

        // Then
        assertThat(recorder.tpot.summarize(List.of()).meanMs()).isCloseTo(15.0, within(1e-9));
        assertThat(recorder.itl.count()).isEqualTo(2);
        assertThat(recorder.completed()).isEqualTo(1);
        assertThat(recorder.errors()).containsEntry("timeout", 1L);
        assertThat(recorder.promptTokens()).isEqualTo(7);
    }
}
