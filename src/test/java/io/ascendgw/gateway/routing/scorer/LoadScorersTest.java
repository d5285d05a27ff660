package io.ascendgw.gateway.routing.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.PrefillTracker;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.TestEngines;

/** Table tests of the three distribution scorers: in-flight, queue depth and KV-cache usage. */
class LoadScorersTest {

    private static final RoutingRequest REQUEST = TestEngines.chat("r", "sys", "hi");
    private static final double NaN = Double.NaN;

    static Stream<Arguments> inFlightTable() {
        return Stream.of(
                Arguments.of(new int[] {0, 0, 0}, new double[] {1, 1, 1}),
                Arguments.of(new int[] {0, 5, 10}, new double[] {1, 0.5, 0}),
                Arguments.of(new int[] {7, 3}, new double[] {0, 1}),
                Arguments.of(new int[] {4}, new double[] {1}));
    }

    @ParameterizedTest
    @MethodSource("inFlightTable")
    void shouldScoreFewerRequestsInFlightHigherWhenScoringInFlight(int[] inFlight, double[] expected) {
        // Given engines with these gateway in-flight counts
        Candidates c = new Candidates(inFlight.length);
        for (int i = 0; i < inFlight.length; i++) {
            c.add(TestEngines.ready("e" + i), inFlight[i], NaN, NaN, NaN, -1, -1);
        }
        // When scored, Then 1 - (x - min) / (max - min), all 1 when equal
        assertScores(new InFlightScorer(), c, expected);
    }

    @ParameterizedTest
    @MethodSource("inFlightTable")
    void shouldScoreFewerPendingPrefillsHigherWhenScoringPrefill(int[] pending, double[] expected) {
        // Given engines with these numbers of requests sent but not yet answered with a first byte
        PrefillTracker tracker = new PrefillTracker();
        Candidates c = new Candidates(pending.length);
        for (int i = 0; i < pending.length; i++) {
            c.add(TestEngines.ready("e" + i), 0, NaN, NaN, NaN, -1, -1);
            for (int k = 0; k < pending[i] + 1; k++) {
                tracker.sent("e" + i + "-r" + k, "e" + i);
            }
            // one of them has started answering
            tracker.answered("e" + i + "-r0");
        }
        // When scored, Then 1 - (x - min) / (max - min), all 1 when equal
        assertScores(new PrefillScorer(tracker), c, expected);
    }

    static Stream<Arguments> queueTable() {
        return Stream.of(
                Arguments.of(new double[] {0, 0}, new double[] {1, 1}),
                Arguments.of(new double[] {2, 6, 4}, new double[] {1, 0, 0.5}),
                Arguments.of(new double[] {NaN, 3, 1}, new double[] {0.5, 0, 1}),
                Arguments.of(new double[] {NaN, NaN}, new double[] {0.5, 0.5}));
    }

    @ParameterizedTest
    @MethodSource("queueTable")
    void shouldScoreShorterScrapedQueuesHigherWhenScoringQueueDepth(double[] waiting, double[] expected) {
        // Given engines with these scraped waiting queues (NaN: not reported)
        Candidates c = new Candidates(waiting.length);
        for (int i = 0; i < waiting.length; i++) {
            c.add(TestEngines.ready("e" + i), 0, waiting[i], NaN, NaN, -1, -1);
        }
        // When scored, Then min-max inverted over known values, unknown in the middle
        assertScores(new QueueDepthScorer(), c, expected);
    }

    static Stream<Arguments> kvTable() {
        return Stream.of(
                Arguments.of(new double[] {0, 0.25, 1}, new double[] {1, 0.75, 0}),
                Arguments.of(new double[] {NaN, 0.9}, new double[] {0.5, 0.1}),
                Arguments.of(new double[] {1.2, -0.1}, new double[] {0, 1}));
    }

    @ParameterizedTest
    @MethodSource("kvTable")
    void shouldScoreLowerKvUsageHigherWhenScoringKvCache(double[] usage, double[] expected) {
        // Given engines with these scraped KV-cache usages
        Candidates c = new Candidates(usage.length);
        for (int i = 0; i < usage.length; i++) {
            c.add(TestEngines.ready("e" + i), 0, NaN, NaN, usage[i], -1, -1);
        }
        // When scored, Then 1 - usage, clamped, unknown in the middle
        assertScores(new KvCacheScorer(), c, expected);
    }

    private static void assertScores(EndpointScorer scorer, Candidates c, double[] expected) {
        double[] scores = new double[c.size()];
        scorer.score(REQUEST, c, scores);
        for (int i = 0; i < expected.length; i++) {
            assertThat(scores[i]).as("engine %d", i).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(scorer.category()).isEqualTo(EndpointScorer.Category.DISTRIBUTION);
    }
}
