package io.ascendgw.gateway.sim.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenLogprobsTest {

    @Test
    void shouldRankTheTokenFirstAndTheRunnersUpBelowItWithoutRepeatsWhenAskedForTwentyCandidates() {
        for (int position = 0; position < 200; position++) {
            // When
            TokenLogprobs.Position p = TokenLogprobs.at(99L, position, " model", 19);

            // Then
            assertThat(p.ranked()).hasSize(20);
            assertThat(p.ranked().get(0).token()).isEqualTo(" model");
            assertThat(p.logprob()).isEqualTo(p.ranked().get(0).logprob()).isBetween(Math.log(0.5), Math.log(0.999));
            double mass = 0;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < p.ranked().size(); i++) {
                TokenLogprobs.Candidate c = p.ranked().get(i);
                assertThat(seen.add(c.token())).as("repeated %s at %d", c.token(), position).isTrue();
                assertThat(c.token()).startsWith(" ");
                if (i > 0) {
                    assertThat(c.logprob()).isLessThan(p.ranked().get(i - 1).logprob());
                }
                mass += Math.exp(c.logprob());
            }
            assertThat(mass).isLessThan(1.0);
        }
    }

    @Test
    void shouldGiveTheSameNumbersForTheSameKeyAndPositionAndOthersElsewhere() {
        // Then
        assertThat(TokenLogprobs.at(7L, 3, "a", 4)).isEqualTo(TokenLogprobs.at(7L, 3, "a", 4));
        assertThat(TokenLogprobs.at(7L, 3, "a", 4).logprob()).isNotEqualTo(TokenLogprobs.at(7L, 4, "a", 4).logprob());
        assertThat(TokenLogprobs.at(7L, 3, "a", 4).logprob()).isNotEqualTo(TokenLogprobs.at(8L, 3, "a", 4).logprob());
    }

    @Test
    void shouldHaveNoLogprobForThePromptsFirstToken() {
        assertThat(TokenLogprobs.first("Hell").logprob()).isNull();
        assertThat(TokenLogprobs.first("Hell").ranked()).isEmpty();
    }

    @Test
    void shouldCutAPromptIntoFourByteTokensThatJoinBackToItWhenNoCharacterIsCut() {
        // When
        List<String> tokens = TokenLogprobs.promptTokens("Hello there".getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(tokens).containsExactly("Hell", "o th", "ere");
        assertThat(TokenLogprobs.promptTokens("ab\u00e9".getBytes(StandardCharsets.UTF_8))).containsExactly("ab\u00e9");
        assertThat(TokenLogprobs.promptTokens("abc\u00e9".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("abc\ufffd", "\ufffd");
    }

    @Test
    void shouldDecodeTheSimulatorsPseudoIdsToTheirBytesAndOtherIdsToAVocabularyWord() {
        // Given the pseudo ids /tokenize gives for "Hi there" (four little-endian bytes each)
        int[] ids = ApproxTokenizer.pseudoTokenIds("Hi there".getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(TokenLogprobs.decode(ids[0]) + TokenLogprobs.decode(ids[1])).isEqualTo("Hi there");
        assertThat(TokenLogprobs.decode(1)).matches(" \\p{L}+");
        assertThat(TokenLogprobs.decode(151645)).matches(" \\p{L}+");
        assertThat(TokenLogprobs.decode(-5)).matches(" \\p{L}+");
    }
}
