package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.engine.EngineRegistry;

class LabelValuesTest {

    private final EngineRegistry registry = new EngineRegistry();
    private final LabelValues labels = new LabelValues(registry);

    @ParameterizedTest
    @CsvSource({
        "engine answered 503, engine_5xx",
        "engine answered 502, engine_5xx",
        "connect failed, connect_failed",
        "stream broke before first byte, stream_broke_before",
        "first byte timeout, first_byte_timeout",
        "queue_full, queue_full",
        "'  ', other",
    })
    void shouldReduceReasonsToShortSnakeCaseWhenTheyAreLabels(String reason, String label) {
        assertThat(labels.reason(reason)).isEqualTo(label);
    }

    @Test
    void shouldStopAddingReasonsWhenTheCapIsReached() {
        // When many distinct reasons arrive
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(labels.reason("reason number " + i));
        }

        // Then at most the cap plus "other"
        assertThat(seen).hasSize(LabelValues.MAX_REASONS + 1).contains(LabelValues.OTHER);
    }

    @Test
    void shouldKeepAModelWhenAnEngineServesIt() {
        // Given
        registry.add(Engines.engine("p-0", "p", List.of()));

        // Then
        assertThat(labels.model("m")).isEqualTo("m");
        assertThat(labels.model("n")).isEqualTo(LabelValues.UNKNOWN);
        assertThat(labels.model(null)).isEqualTo(LabelValues.UNKNOWN);
        assertThat(LabelValues.statusClass(499)).isEqualTo("4xx");
        assertThat(LabelValues.statusClass(200)).isEqualTo("2xx");
    }
}
