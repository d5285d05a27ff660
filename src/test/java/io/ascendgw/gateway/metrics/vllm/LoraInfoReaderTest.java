package io.ascendgw.gateway.metrics.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

/** {@code vllm:lora_requests_info} as both vLLM generations write it, read through {@link VllmLoadExtractor}. */
class LoraInfoReaderTest {

    private final PrometheusTextParser parser = new PrometheusTextParser();
    private final VllmLoadExtractor extractor = new VllmLoadExtractor();

    private Optional<LoraState> lora(String text) {
        return extractor.extract(parser.parse(text), 0L).lora();
    }

    @Test
    void shouldTakeTheLatestCombinationWhenAV1EngineExposesSeveral() {
        // Given V1's label order (max, waiting, running) and three combinations set over time, the latest in the middle
        String text = """
            # HELP vllm:lora_requests_info Running stats on lora requests.
            # TYPE vllm:lora_requests_info gauge
            vllm:lora_requests_info{max_lora="2",waiting_lora_adapters="",running_lora_adapters="sql-lora"} 1.7491234501e+09
            vllm:lora_requests_info{max_lora="2",waiting_lora_adapters="",running_lora_adapters="sql-lora,chat-lora"} 1.7491234567e+09
            vllm:lora_requests_info{max_lora="2",waiting_lora_adapters="chat-lora",running_lora_adapters="sql-lora"} 1.7491234561e+09
            """;

        // When
        LoraState state = lora(text).orElseThrow();

        // Then only the latest series counts
        assertThat(state.maxLoras()).isEqualTo(2);
        assertThat(state.running()).containsExactlyInAnyOrder("sql-lora", "chat-lora");
        assertThat(state.waiting()).isEmpty();
        assertThat(state.adapters()).isEqualTo(2);
    }

    @Test
    void shouldReadWaitingAdaptersWhenA073EngineWritesItsAlphabeticalLabels() {
        // Given 0.7.3's alphabetical label order, an older combination after the latest one in the text
        String text = """
            # TYPE vllm:lora_requests_info gauge
            vllm:lora_requests_info{max_lora="1",running_lora_adapters="a",waiting_lora_adapters="b,c"} 1.747216234567e+09
            vllm:lora_requests_info{max_lora="1",running_lora_adapters="",waiting_lora_adapters=""} 1.747216200000e+09
            """;

        // When
        LoraState state = lora(text).orElseThrow();

        // Then
        assertThat(state.maxLoras()).isEqualTo(1);
        assertThat(state.running()).containsExactly("a");
        assertThat(state.waiting()).containsExactlyInAnyOrder("b", "c");
        assertThat(state.lists("c")).isTrue();
        assertThat(state.lists("d")).isFalse();
    }

    @Test
    void shouldReportLoraOffWhenA073EngineRunsWithoutLora() {
        // Given the 0.7.3 fixture: max_lora="0", no adapters
        var metrics = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v0.7.txt"));

        // When
        LoraState state = extractor.extract(metrics, 0L).lora().orElseThrow();

        // Then
        assertThat(state.maxLoras()).isZero();
        assertThat(state.maxKnown()).isTrue();
        assertThat(state.adapters()).isZero();
    }

    @Test
    void shouldReportNoLoraStateWhenTheFamilyIsAbsent() {
        // Given the V1 fixture, an engine started without --enable-lora
        var metrics = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v1.txt"));

        // Then
        assertThat(extractor.extract(metrics, 0L).lora()).isEmpty();
        assertThat(EngineLoad.noData(0L).lora()).isEmpty();
    }

    @Test
    void shouldSkipNaNSeriesAndReportNothingWhenEverySeriesIsNaN() {
        // Given a NaN series next to a dated one, and a family with only NaN
        String mixed = """
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="new",waiting_lora_adapters=""} NaN
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="old",waiting_lora_adapters=""} 1.7e+09
            """;
        String onlyNaN = """
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="x",waiting_lora_adapters=""} NaN
            """;

        // Then the NaN series never wins, and NaN alone is no data
        assertThat(lora(mixed).orElseThrow().running()).containsExactly("old");
        assertThat(lora(onlyNaN)).isEmpty();
    }

    @Test
    void shouldTrimNamesAndCountAnAdapterOnceWhenItIsBothRunningAndWaiting() {
        // Given spaces after commas, an empty name and an adapter in both lists
        String text = """
            vllm:lora_requests_info{max_lora="4",running_lora_adapters="sql-lora, chat-lora,",waiting_lora_adapters=" chat-lora , law-lora"} 1.7e+09
            """;

        // When
        LoraState state = lora(text).orElseThrow();

        // Then
        assertThat(state.running()).containsExactlyInAnyOrder("sql-lora", "chat-lora");
        assertThat(state.waiting()).containsExactly("law-lora");
        assertThat(state.adapters()).isEqualTo(3);
        assertThat(state.lists("chat-lora")).isTrue();
    }

    @Test
    void shouldKeepTheAdaptersButNotTheLimitWhenMaxLoraIsMissingOrNotANumber() {
        // Given no max_lora label, and max_lora="None"
        String missing = """
            vllm:lora_requests_info{running_lora_adapters="a",waiting_lora_adapters=""} 1.7e+09
            """;
        String notANumber = """
            vllm:lora_requests_info{max_lora="None",running_lora_adapters="a",waiting_lora_adapters=""} 1.7e+09
            """;

        // Then the limit is unknown, the adapters are known
        for (String text : new String[] {missing, notANumber}) {
            LoraState state = lora(text).orElseThrow();
            assertThat(state.maxLoras()).isEqualTo(LoraState.UNKNOWN_MAX);
            assertThat(state.maxKnown()).isFalse();
            assertThat(state.running()).containsExactly("a");
        }
    }

    @Test
    void shouldUniteAdaptersAndSumLimitsWhenSeriesCarryAnEngineLabel() {
        // Given two data-parallel engines, each with a stale and a latest combination
        String text = """
            vllm:lora_requests_info{engine="0",max_lora="2",running_lora_adapters="a",waiting_lora_adapters=""} 1.7e+09
            vllm:lora_requests_info{engine="0",max_lora="2",running_lora_adapters="a,b",waiting_lora_adapters=""} 1.8e+09
            vllm:lora_requests_info{engine="1",max_lora="2",running_lora_adapters="c",waiting_lora_adapters="d"} 1.6e+09
            vllm:lora_requests_info{engine="1",max_lora="2",running_lora_adapters="",waiting_lora_adapters=""} 1.5e+09
            """;

        // When
        LoraState state = lora(text).orElseThrow();

        // Then each engine's latest, united
        assertThat(state.maxLoras()).isEqualTo(4);
        assertThat(state.running()).isEqualTo(Set.of("a", "b", "c"));
        assertThat(state.waiting()).isEqualTo(Set.of("d"));
    }

    @Test
    void shouldAcceptAFloatSpellingOfMaxLoraAndRejectNegativeOrFractionalOnes() {
        assertThat(LoraInfoReader.maxLoras("3")).isEqualTo(3);
        assertThat(LoraInfoReader.maxLoras(" 3.0 ")).isEqualTo(3);
        assertThat(LoraInfoReader.maxLoras("-1")).isEqualTo(LoraState.UNKNOWN_MAX);
        assertThat(LoraInfoReader.maxLoras("2.5")).isEqualTo(LoraState.UNKNOWN_MAX);
        assertThat(LoraInfoReader.maxLoras("NaN")).isEqualTo(LoraState.UNKNOWN_MAX);
        assertThat(LoraInfoReader.maxLoras("")).isEqualTo(LoraState.UNKNOWN_MAX);
    }
}
