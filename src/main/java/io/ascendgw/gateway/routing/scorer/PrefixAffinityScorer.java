package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.prefix.PrefixAffinity;
import io.ascendgw.gateway.routing.prefix.PromptBlocks;

/**
 * Share of the prompt's prefix blocks an engine is believed to hold, consecutive from the first block, counted only
 * while the engine is not much busier than the least-loaded candidate (the load gate), so affinity never builds a
 * hot spot. See {@code PrefixAffinityScorer.md}.
 */
public final class PrefixAffinityScorer implements EndpointScorer {

    private final PrefixAffinity prefix;

    public PrefixAffinityScorer(PrefixAffinity prefix) {
        this.prefix = prefix;
    }

    @Override
    public String name() {
        return "prefix";
    }

    @Override
    public Category category() {
        return Category.AFFINITY;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        PromptBlocks prompt = request.prompt();
        long[] hashes = prefix.hashes(prompt, request.model(), candidates.reportedBlockTokens());
        if (hashes.length == 0) {
            java.util.Arrays.fill(scores, 0, n, 0);
            prompt.matched(null);
            return;
        }
        int[] matched = new int[n];
        prefix.index().match(hashes, candidates, matched);
        double minLoad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minLoad = Math.min(minLoad, candidates.load(i));
        }
        double gate = prefix.settings().loadGate(minLoad);
        for (int i = 0; i < n; i++) {
            scores[i] = candidates.load(i) <= gate ? (double) matched[i] / hashes.length : 0;
        }
        prompt.matched(matched);
    }

    @Override
    public void onPicked(RoutingRequest request, Candidates candidates, int chosen) {
        PromptBlocks prompt = request.prompt();
        long[] hashes = prompt.lastHashes();
        if (hashes == null || hashes.length == 0) {
            return;
        }
        int[] matched = prompt.matched();
        prompt.matchRatio(matched == null ? 0 : (double) matched[chosen] / hashes.length);
        prefix.index().record(candidates.engine(chosen), hashes,
                prefix.capacityBlocks(candidates.kvCapacityTokens(chosen), candidates.blockTokens(chosen)));
    }
}
