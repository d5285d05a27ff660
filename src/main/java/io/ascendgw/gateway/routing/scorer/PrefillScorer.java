package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.PrefillTracker;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Fewer requests waiting for their first byte scores higher: spreads prefills so two new requests rarely queue behind
 * each other on one engine. See {@code PrefillScorer.md}.
 */
public final class PrefillScorer implements EndpointScorer {

    private final PrefillTracker tracker;

    public PrefillScorer(PrefillTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public String name() {
        return "prefill";
    }

    @Override
    public Category category() {
        return Category.DISTRIBUTION;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        LoadScores.scoreByLoad(candidates, i -> tracker.pending(candidates.engine(i).id()),
                scores);
    }
}
