package io.ascendgw.gateway.routing.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.PrefixSettings;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.routing.prefix.ApproximatePrefixIndex;
import io.ascendgw.gateway.routing.prefix.BytesPerToken;
import io.ascendgw.gateway.routing.prefix.PrefixAffinity;

class PrefixAffinityScorerTest {

    /** 64-token blocks of 4 bytes per token: 256-byte blocks; gate: min load + max(2, 0.5 x min load). */
    private static final PrefixSettings SETTINGS = new PrefixSettings(64, 128, 4.0, 1_000_000, 1.0, 2, 0.5);
    private static final String SYSTEM = TestEngines.words(400, 1);

    private final PrefixAffinity prefix = new PrefixAffinity(SETTINGS, new ApproximatePrefixIndex(),
            new BytesPerToken(4.0), Long.MAX_VALUE);
    private final PrefixAffinityScorer scorer = new PrefixAffinityScorer(prefix);

    static Stream<Arguments> gateTable() {
        // load of engine a (which holds the prefix), load of b; whether a's affinity counts
        return Stream.of(
                Arguments.of(0, 0, true),
                Arguments.of(2, 0, true),
                Arguments.of(3, 0, false),
                Arguments.of(15, 10, true),
                Arguments.of(16, 10, false),
                Arguments.of(0, 9, true));
    }

    @ParameterizedTest
    @MethodSource("gateTable")
    void shouldCountAffinityOnlyWithinTheLoadGateWhenTheSameEngineServedThePrefix(int loadA, int loadB,
            boolean counts) {
        // Given engine a served a request with the same system prompt before
        Candidates idle = candidates(0, 0);
        RoutingRequest first = TestEngines.chat("r1", SYSTEM, "first question");
        scorer.score(first, idle, new double[2]);
        scorer.onPicked(first, idle, 0);
        // When a request sharing the prefix is scored with a at loadA and b at loadB
        RoutingRequest next = TestEngines.chat("r2", SYSTEM, "another question entirely");
        double[] scores = new double[2];
        scorer.score(next, candidates(loadA, loadB), scores);
        // Then a scores its share of matched blocks only within the gate, and b, which holds nothing, 0
        assertThat(scores[1]).isZero();
        if (counts) {
            assertThat(scores[0]).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        } else {
            assertThat(scores[0]).isZero();
        }
    }

    @Test
    void shouldScoreTheShareOfConsecutiveLeadingBlocksWhenOnlyPartOfThePromptMatches() {
        // Given engine a holds a prompt of 8 full blocks
        String text = TestEngines.words(2000, 7);
        RoutingRequest first = TestEngines.chat("r1", text.substring(0, 2100), "");
        Candidates c = candidates(0, 0);
        scorer.score(first, c, new double[2]);
        scorer.onPicked(first, c, 0);
        long held = first.prompt().lastHashes().length;
        // When a prompt whose text diverges halfway through is scored
        RoutingRequest second = TestEngines.chat("r2", text.substring(0, 1050) + "DIFFERENT" + text.substring(1059,
                2100), "");
        double[] scores = new double[2];
        scorer.score(second, c, scores);
        // Then a's score is the leading blocks before the divergence over all blocks
        long total = second.prompt().lastHashes().length;
        long leading = (long) Math.floor((1050 + "<|im_start|>system\n".length()) / 256.0);
        assertThat(held).isEqualTo(total);
        assertThat(scores[0]).isCloseTo((double) leading / total, within(1e-9));
        assertThat(scorer.category()).isEqualTo(io.ascendgw.gateway.routing.EndpointScorer.Category.AFFINITY);
    }

    @Test
    void shouldScoreNothingWhenThePromptIsShorterThanABlock() {
        // Given a short prompt
        RoutingRequest request = TestEngines.chat("r1", "short", "hi");
        double[] scores = {9, 9};
        // When scored
        scorer.score(request, candidates(0, 0), scores);
        // Then every engine scores 0
        assertThat(scores).containsExactly(0, 0);
    }

    private static Candidates candidates(int loadA, int loadB) {
        Candidates c = new Candidates(2);
        c.add(TestEngines.ready("a"), loadA, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        c.add(TestEngines.ready("b"), loadB, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        return c;
    }
}
