package io.ascendgw.gateway.sim.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TextGeneratorTest {

    private final TextGenerator generator = new TextGenerator(10, 200);

    private static String take(TokenStream stream, int tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            sb.append(stream.next());
        }
        return sb.toString();
    }

    @Test
    void shouldProduceTheSameTextWhenTheKeyIsTheSame() {
        // Given
        long key = TextGenerator.key(42L, 7L, 0);

        // Then
        assertThat(take(generator.stream(key, false), 50)).isEqualTo(take(generator.stream(key, false), 50));
        assertThat(generator.naturalLength(key)).isEqualTo(generator.naturalLength(key));
    }

    @Test
    void shouldProduceDifferentTextWhenSeedOrSampleIndexDiffers() {
        // Given
        String base = take(generator.stream(TextGenerator.key(42L, 7L, 0), false), 30);

        // Then
        assertThat(take(generator.stream(TextGenerator.key(42L, 8L, 0), false), 30)).isNotEqualTo(base);
        assertThat(take(generator.stream(TextGenerator.key(42L, 7L, 1), false), 30)).isNotEqualTo(base);
        assertThat(take(generator.stream(TextGenerator.key(43L, 7L, 0), false), 30)).isNotEqualTo(base);
    }

    @Test
    void shouldKeepNaturalLengthsInsideTheConfiguredRangeWhenSamplingManyKeys() {
        // When
        Set<Integer> lengths = new HashSet<>();
        for (long i = 0; i < 2000; i++) {
            lengths.add(generator.naturalLength(TextGenerator.key(i, 0, 0)));
        }

        // Then
        assertThat(lengths).allMatch(l -> l >= 10 && l <= 200);
        assertThat(lengths.size()).isGreaterThan(100);
    }

    @Test
    void shouldStartChatAnswersCapitalisedAndCompletionsWithASpaceWhenStreaming() {
        // Given
        long key = TextGenerator.key(1L, 2L, 0);

        // When
        String chat = generator.stream(key, false).next();
        String completion = generator.stream(key, true).next();

        // Then
        assertThat(Character.isUpperCase(chat.charAt(0))).isTrue();
        assertThat(completion).startsWith(" ");
    }
}
