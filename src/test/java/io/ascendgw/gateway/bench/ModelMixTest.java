package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelMixTest {

    @Test
    void shouldReadNamesAndWeightsWhenParsingWithDefaultWeightOne() {
        // When
        ModelMix mix = ModelMix.parse("base=2, org/sql-lora:v2=0.5,chat");

        // Then the weight follows the last '=', names may hold '/' and ':', and a bare name weighs 1
        assertThat(mix.choices()).containsExactly(new ModelMix.Choice("base", 2),
                new ModelMix.Choice("org/sql-lora:v2", 0.5), new ModelMix.Choice("chat", 1));
        assertThat(mix.share("base")).isCloseTo(2 / 3.5, within(1e-9));
        assertThat(mix.share("unknown")).isZero();
        assertThat(ModelMix.parse(mix.describe())).isEqualTo(mix);
    }

    @Test
    void shouldDrawEachModelInProportionToItsWeightWhenPicking() {
        // Given weights 6:3:1
        ModelMix mix = ModelMix.parse("a=6,b=3,c=1");
        SplittableRandom random = new SplittableRandom(42);

        // When drawn many times
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }

        // Then the frequencies follow the weights
        assertThat(counts.get("a") / 20_000.0).isCloseTo(0.6, within(0.02));
        assertThat(counts.get("b") / 20_000.0).isCloseTo(0.3, within(0.02));
        assertThat(counts.get("c") / 20_000.0).isCloseTo(0.1, within(0.02));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a=0|weight of a must be a number > 0",
        "a=-1|weight of a must be a number > 0",
        "a=x|weight of a must be a number > 0, got 'x'",
        "a=NaN|weight of a must be a number > 0",
        "a,,b|needs a model name in every entry",
        "=3|needs a model name in every entry",
        "a=1,a=2|names a twice",
    })
    void shouldRejectWithAMessageWhenTheMixIsMalformed(String value, String message) {
        assertThatThrownBy(() -> ModelMix.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--model-mix").hasMessageContaining(message);
    }
}
