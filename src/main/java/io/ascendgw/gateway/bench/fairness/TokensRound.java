package io.ascendgw.gateway.bench.fairness;

/**
 * One round of the tokens scenario: both floods at once on the gateway of one queueing policy.
 *
 * @param policy the value of {@code gateway.routing.queue.fairness}
 * @param round 1 for the policy's first round, and so on
 */
record TokensRound(String policy, int round, TokensNumbers numbers) {
}
