package io.ascendgw.gateway.bench.routing;

/**
 * One run of the routing benchmark: one policy, one workload, one request rate.
 *
 * @param cacheHitRate share of prompt tokens the engines found in their prefix cache during the run
 */
record BenchRow(String workload, double rate, String policy, long completed, long failed, double meanTtftMs,
        double p90TtftMs, double p90E2eMs, double outputTokensPerSecond, double cacheHitRate) {
}
