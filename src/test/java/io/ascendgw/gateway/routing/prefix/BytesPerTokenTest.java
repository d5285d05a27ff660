package io.ascendgw.gateway.routing.prefix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BytesPerTokenTest {

    @Test
    void shouldLearnTheModelsRatioWhenUsageDisagreesWithTheInitialGuess() {
        // Given the initial guess of 4 bytes per token
        BytesPerToken bpt = new BytesPerToken(4.0);
        // When a model's prompts keep showing 3.0 bytes per token (Chinese-heavy text)
        for (int i = 0; i < 50; i++) {
            bpt.observe("qwen", 3000, 1000);
        }
        // Then hashing uses about 3.0 for it and blocks shrink accordingly; other models keep the guess
        assertThat(bpt.current("qwen")).isCloseTo(3.0, within(0.05));
        assertThat(bpt.blockBytes("qwen", 128)).isBetween(380, 390);
        assertThat(bpt.current("other")).isEqualTo(4.0);
    }

    @Test
    void shouldKeepTheBlockSizeWhenTheEstimateMovesLessThanTenPercent() {
        // Given a model settled at 4.0
        BytesPerToken bpt = new BytesPerToken(4.0);
        // When samples wobble around 4.2 (5%)
        for (int i = 0; i < 100; i++) {
            bpt.observe("m", 4200, 1000);
        }
        // Then the value hashing uses does not move, so earlier index entries stay matchable
        assertThat(bpt.current("m")).isEqualTo(4.0);
        // And tiny prompts teach nothing
        bpt.observe("n", 10, 2);
        assertThat(bpt.current("n")).isEqualTo(4.0);
    }
}
