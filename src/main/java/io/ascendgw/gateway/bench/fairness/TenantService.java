package io.ascendgw.gateway.bench.fairness;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LatencySummary;

/**
 * What one tenant of the tokens scenario got from the engines in one round, or over a policy's rounds.
 *
 * @param completed successful requests
 * @param failed failed requests
 * @param inputTokens prompt tokens of the successful ones, as the engines reported them
 * @param outputTokens tokens generated for the successful ones
 * @param requestSeconds the successful ones' end-to-end latencies added up (send to last token)
 * @param queuedSeconds the time the tenant's requests waited in the gateway's admission queue, added up
 */
record TenantService(long completed, long failed, long inputTokens, long outputTokens, double requestSeconds,
        double queuedSeconds) {

    static TenantService of(BenchResult r, double queuedSeconds) {
        LatencySummary e2e = r.e2e();
        double requestSeconds = e2e.count() > 0 ? e2e.meanMs() * e2e.count() / 1000 : 0;
        return new TenantService(r.completed(), r.failed(), r.inputTokens(), r.outputTokens(), requestSeconds,
                queuedSeconds);
    }

    /** Several rounds as one: everything adds up. */
    static TenantService over(List<TenantService> rounds) {
        return new TenantService(sum(rounds, TenantService::completed), sum(rounds, TenantService::failed),
                sum(rounds, TenantService::inputTokens), sum(rounds, TenantService::outputTokens),
                sum(rounds, TenantService::requestSeconds), sum(rounds, TenantService::queuedSeconds));
    }

    /** Input plus twice the output tokens, as the per-key queue weighs requests: a generated token is a decode step. */
    long weightedTokens() {
        return inputTokens + 2 * outputTokens;
    }

    /**
     * The time the tenant's requests held an engine slot: their E2E less their wait in the gateway's queue (with an
     * in-flight limit of max-num-seqs per engine nothing waits inside an engine). E2E alone would count the waiting
     * too, and a closed loop keeping C/2 requests in flight holds C/2 whatever the queue does (Little's law).
     */
    double slotSeconds() {
        return Math.max(0, requestSeconds - queuedSeconds);
    }

    private static long sum(List<TenantService> rounds, ToLongFunction<TenantService> field) {
        return rounds.stream().mapToLong(field).sum();
    }

    private static double sum(List<TenantService> rounds, ToDoubleFunction<TenantService> field) {
        return rounds.stream().mapToDouble(field).sum();
    }
}
