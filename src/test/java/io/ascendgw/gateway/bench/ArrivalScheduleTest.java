package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonScheduleTest {

    private static long[] offsets(double rate, long seed, int n) {
        PoissonSchedule schedule = new PoissonSchedule(rate, seed);
        long[] result = new long[n];
        for (int i = 0; i < n; i++) {
            result[i] = schedule.nextOffsetNanos();
        }
        return result;
    }

    @Test
    void shouldHaveMeanGapOfOneOverRateWhenManySamples() {
        // Given 10 req/s
        long[] t = offsets(10, 1, 200_000);

        // When
        double meanGapSeconds = t[t.length - 1] / 1e9 / t.length;
        double sumSquares = 0;
        long previous = 0;
        for (long offset : t) {
            double gap = (offset - previous) / 1e9;
            sumSquares += gap * gap;
            previous = offset;
        }
        double std = Math.sqrt(sumSquares / t.length - meanGapSeconds * meanGapSeconds);

        // Then the mean gap is 0.1 s, and the spread is exponential's (std = mean)
        assertThat(meanGapSeconds).isCloseTo(0.1, within(0.002));
        assertThat(std / meanGapSeconds).isCloseTo(1.0, within(0.02));
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
