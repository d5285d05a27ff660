package io.ascendgw.gateway.bench.fairness;

/**
 * One round: both tenants at once on the gateway of one queueing policy.
 *
 * @param policy the value of {@code gateway.routing.queue.fairness}
 * @param round 1 for the policy's first round, and so on
 */
record RoundResult(String policy, int round, LatencyNumbers interactive, BatchNumbers batch) {
}
