package io.ascendgw.gateway.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;

import org.junit.jupiter.api.Test;

class LoraSeriesTest {

    @Test
    void shouldDateTheLatestReportLatestWhenTwoFallInTheSameMillisecond() {
        // Given an adapter reported running, then nothing running, at the same clock reading
        LoraSeries series = new LoraSeries();
        series.report("chat", "", 1_795_000_000.123);
        series.report("", "", 1_795_000_000.123);

        // Then the series with the largest value, which readers take as the current one, is the last report
        LoraSeries.Entry latest = series.entries().stream()
                .max(Comparator.comparingDouble(LoraSeries.Entry::unixSeconds)).orElseThrow();
        assertThat(latest.running()).isEmpty();
        assertThat(latest.unixSeconds()).isGreaterThan(1_795_000_000.123);
        // And a later clock reading is taken as it is
        series.report("chat", "", 1_795_000_010.0);
        assertThat(series.entries().get(1).unixSeconds()).isEqualTo(1_795_000_010.0);
    }
}
