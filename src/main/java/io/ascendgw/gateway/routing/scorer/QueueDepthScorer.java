package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;

/** A shorter scraped waiting queue scores higher; see {@code QueueDepthScorer.md}. */
public final class QueueDepthScorer implements EndpointScorer {

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Category category() {
        return Category.DISTRIBUTION;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        LoadScores.scoreByLoad(candidates, candidates::waiting, scores);
    }
}
