package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalScheduleTest {

    private static long[] offsets(double rate, long seed, int n) {
        return offsets(rate, seed, n, 1.0);
    }

    private static long[] offsets(double rate, long seed, int n, double burstiness) {
        ArrivalSchedule schedule = new ArrivalSchedule(rate, seed, burstiness);
        long[] result = new long[n];
        for (int i = 0; i < n; i++) {
            result[i] = schedule.nextOffsetNanos();
        }
        return result;
    }

    /** Mean gap in seconds and the gaps' coefficient of variation (std / mean). */
    private static double[] gapStats(long[] t) {
        double meanGapSeconds = t[t.length - 1] / 1e9 / t.length;
        double sumSquares = 0;
        long previous = 0;
        for (long offset : t) {
            double gap = (offset - previous) / 1e9;
            sumSquares += gap * gap;
            previous = offset;
        }
        double std = Math.sqrt(sumSquares / t.length - meanGapSeconds * meanGapSeconds);
        return new double[] {meanGapSeconds, std / meanGapSeconds};
    }

    @Test
    void shouldHaveMeanGapOfOneOverRateWhenManySamples() {
        // Given 10 req/s
        double[] stats = gapStats(offsets(10, 1, 200_000));

        // Then the mean gap is 0.1 s, and the spread is exponential's (std = mean)
        assertThat(stats[0]).isCloseTo(0.1, within(0.002));
        assertThat(stats[1]).isCloseTo(1.0, within(0.02));
    }

    @ParameterizedTest
    @CsvSource({"0.25, 2.0", "0.5, 1.4142", "2, 0.7071", "9, 0.3333"})
    void shouldKeepTheRateAndSpreadGapsAsAGammaOfShapeBurstiness(double burstiness, double variation) {
        // When 10 req/s with the given burstiness
        double[] stats = gapStats(offsets(10, 7, 200_000, burstiness));

        // Then the mean gap stays 0.1 s, and the gaps vary as a gamma distribution's (cv = 1/sqrt(shape)), as in
        // vLLM's benchmark: bursts below 1, evener gaps above
        assertThat(stats[0]).isCloseTo(0.1, within(0.002));
        assertThat(stats[1]).isCloseTo(variation, within(variation * 0.03));
    }

    @Test
    void shouldRepeatForSameSeedAndDifferForAnother() {
        assertThat(offsets(5, 42, 100)).isEqualTo(offsets(5, 42, 100));
        assertThat(offsets(5, 42, 100)).isNotEqualTo(offsets(5, 43, 100));
    }

    @Test
    void shouldNeverGoBackInTime() {
        long[] t = offsets(1000, 3, 10_000);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
        }
    }

    @Test
    void shouldSendEverythingAtZeroWhenRateIsInfinite() {
        assertThat(offsets(Double.POSITIVE_INFINITY, 1, 50)).containsOnly(0L);
    }
}
