package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoodputSloTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldCountARequestGoodOnlyWhenItMeetsEveryObjectiveGiven() {
        GoodputSlo slo = GoodputSlo.parse(List.of("ttft:300", "TPOT:50"));

        assertThat(slo.met(2_000 * MS, 300 * MS, 50 * MS)).isTrue();
        assertThat(slo.met(2_000 * MS, 301 * MS, 10 * MS)).isFalse();
        assertThat(slo.met(2_000 * MS, 100 * MS, 51 * MS)).isFalse();
        // e2el was not given: any latency passes
        assertThat(slo.met(999_000 * MS, 100 * MS, 10 * MS)).isTrue();
        assertThat(slo.describe()).isEqualTo("ttft:300 tpot:50");
    }

    @Test
    void shouldTakeTheLatencyForTtftWhenNotStreamedAndZeroTpotForOneToken() {
        // As vLLM's benchmark: a non-streamed request's TTFT is its latency, a one-token answer's TPOT is 0
        GoodputSlo slo = GoodputSlo.parse(List.of("ttft:300", "tpot:0"));

        assertThat(slo.met(250 * MS, -1, -1)).isTrue();
        assertThat(slo.met(350 * MS, -1, -1)).isFalse();
        assertThat(GoodputSlo.parse(List.of("e2el:1000.5")).met(1_000 * MS + 500_000, 10 * MS, 5 * MS)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ttft|--goodput takes name:milliseconds with a name among [ttft, tpot, e2el], got 'ttft'",
        "itl:5|--goodput takes name:milliseconds with a name among [ttft, tpot, e2el], got 'itl:5'",
        "ttft:-1|--goodput ttft must be a number of milliseconds >= 0, got '-1'",
        "ttft:fast|--goodput ttft must be a number of milliseconds >= 0, got 'fast'",
        "ttft:1 ttft:2|--goodput names ttft twice"})
    void shouldRefuseAnObjectiveItCannotCheck(String pairs, String message) {
        assertThatThrownBy(() -> GoodputSlo.parse(List.of(pairs.split(" ")))).hasMessage(message);
    }
}
