package io.ascendgw.gateway.bench.fairness;

import java.util.List;

import io.ascendgw.gateway.bench.BenchResult;

/**
 * What the batch tenant got done in one round, or over a policy's rounds.
 *
 * @param completed successful requests
 * @param failed failed requests
 * @param outputTokens tokens generated for the successful ones
 * @param seconds the tenant's measured window: from its first send to its last response, the drain included
 */
record BatchNumbers(long completed, long failed, long outputTokens, double seconds) {

    static BatchNumbers of(BenchResult r) {
        return new BatchNumbers(r.completed(), r.failed(), r.outputTokens(), r.durationSeconds());
    }

    /** Several rounds as one window: counts, tokens and seconds add up. */
    static BatchNumbers over(List<BatchNumbers> rounds) {
        return new BatchNumbers(rounds.stream().mapToLong(BatchNumbers::completed).sum(),
                rounds.stream().mapToLong(BatchNumbers::failed).sum(),
                rounds.stream().mapToLong(BatchNumbers::outputTokens).sum(),
                rounds.stream().mapToDouble(BatchNumbers::seconds).sum());
    }

    /** Generated tokens per second of the window; 0 for an empty window. */
    double outputTokensPerSecond() {
        return seconds > 0 ? outputTokens / seconds : 0;
    }
}
