package io.ascendgw.gateway.routing.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.routing.session.SessionTable;

class SessionAffinityScorerTest {

    private final SessionAffinityScorer scorer = new SessionAffinityScorer(new SessionTable(64, 60_000_000_000L));

    @Test
    void shouldScoreOnlyTheSessionsLastEngineWhenTheSessionWasSeen() {
        // Given a session whose first request went to engine b
        Candidates c = candidates();
        RoutingRequest first = TestEngines.chat("r1", "sys", "hi", "s-1");
        scorer.onPicked(first, c, 1);
        // When its next request is scored
        double[] scores = new double[3];
        scorer.score(TestEngines.chat("r2", "sys", "again", "s-1"), c, scores);
        // Then b scores 1 and the others 0
        assertThat(scores).containsExactly(0, 1, 0);
    }

    @Test
    void shouldScoreNothingWhenTheRequestHasNoSessionOrANewOne() {
        // Given a bound session s-1
        Candidates c = candidates();
        scorer.onPicked(TestEngines.chat("r1", "sys", "hi", "s-1"), c, 2);
        double[] none = new double[3];
        double[] other = new double[3];
        // When requests without a session key and with another key are scored
        scorer.score(TestEngines.chat("r2", "sys", "hi"), c, none);
        scorer.score(TestEngines.chat("r3", "sys", "hi", "s-2"), c, other);
        // Then no engine is preferred
        assertThat(none).containsExactly(0, 0, 0);
        assertThat(other).containsExactly(0, 0, 0);
    }

    private static Candidates candidates() {
        Candidates c = new Candidates(3);
        for (String id : new String[] {"a", "b", "c"}) {
            c.add(TestEngines.ready(id), 0, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        }
        return c;
    }
}
