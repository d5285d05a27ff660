package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;

/** Fewer requests in flight from this gateway scores higher; see {@code InFlightScorer.md}. */
public final class InFlightScorer implements EndpointScorer {

    @Override
    public String name() {
        return "in-flight";
    }

    @Override
    public Category category() {
        return Category.DISTRIBUTION;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        LoadScores.scoreByLoad(candidates, candidates::inFlight, scores);
    }
}
