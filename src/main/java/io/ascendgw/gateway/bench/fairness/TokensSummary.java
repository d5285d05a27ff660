package io.ascendgw.gateway.bench.fairness;

import java.util.List;

/** A policy's rounds of the tokens scenario taken together (see {@link TokensNumbers#over}). */
record TokensSummary(String policy, int rounds, TokensNumbers numbers) {

    /** The summary of {@code policy} from every round of it in {@code results}. */
    static TokensSummary of(String policy, List<TokensRound> results) {
        List<TokensNumbers> mine = results.stream().filter(r -> r.policy().equals(policy))
                .map(TokensRound::numbers).toList();
        return new TokensSummary(policy, mine.size(), TokensNumbers.over(mine));
    }
}
