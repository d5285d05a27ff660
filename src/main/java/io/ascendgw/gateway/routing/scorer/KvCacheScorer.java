package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;

/** Lower scraped KV-cache usage scores higher: {@code 1 - usage}; see {@code KvCacheScorer.md}. */
public final class KvCacheScorer implements EndpointScorer {

    @Override
    public String name() {
        return "kv-cache";
    }

    @Override
    public Category category() {
        return Category.DISTRIBUTION;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        for (int i = 0; i < candidates.size(); i++) {
            double usage = candidates.kvUsage(i);
            scores[i] = Double.isNaN(usage) ? LoadScores.UNKNOWN : 1 - Math.max(0, Math.min(1, usage));
        }
    }
}
