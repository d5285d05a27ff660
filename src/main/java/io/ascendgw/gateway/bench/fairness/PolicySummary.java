package io.ascendgw.gateway.bench.fairness;

import java.util.List;

/** A policy's rounds taken together (see {@link LatencyNumbers#over} and {@link BatchNumbers#over}). */
record PolicySummary(String policy, int rounds, LatencyNumbers interactive, BatchNumbers batch) {

    /** The summary of {@code policy} from every round of it in {@code results}. */
    static PolicySummary of(String policy, List<RoundResult> results) {
        List<RoundResult> mine = results.stream().filter(r -> r.policy().equals(policy)).toList();
        return new PolicySummary(policy, mine.size(),
                LatencyNumbers.over(mine.stream().map(RoundResult::interactive).toList()),
                BatchNumbers.over(mine.stream().map(RoundResult::batch).toList()));
    }
}
