package io.ascendgw.gateway.bench.fairness;

import java.util.List;

/**
 * Both tenants of the tokens scenario over one window: a round, from the floods' start to the last response of the
 * drain, or a policy's rounds together. Rates are over that common window, so the tenants' rates add up and a share
 * of a rate is the share of the total.
 *
 * @param seconds the window
 * @param longTenant what the long tenant got
 * @param shortTenant what the short tenant got
 * @param shortLatency the short tenant's TTFT and E2E
 */
record TokensNumbers(double seconds, TenantService longTenant, TenantService shortTenant,
        LatencyNumbers shortLatency) {

    /** Several rounds as one window: seconds and totals add up, percentiles as {@link LatencyNumbers#over}. */
    static TokensNumbers over(List<TokensNumbers> rounds) {
        return new TokensNumbers(rounds.stream().mapToDouble(TokensNumbers::seconds).sum(),
                TenantService.over(rounds.stream().map(TokensNumbers::longTenant).toList()),
                TenantService.over(rounds.stream().map(TokensNumbers::shortTenant).toList()),
                LatencyNumbers.over(rounds.stream().map(TokensNumbers::shortLatency).toList()));
    }

    /** {@code tenant}'s {@code measure} per second of the window; 0 for an empty window. */
    double rate(TenantService tenant, ServiceMeasure measure) {
        return seconds > 0 ? measure.of(tenant) / seconds : 0;
    }

    /** {@code tenant}'s part of both tenants' {@code measure}; NaN when neither has any. */
    double share(TenantService tenant, ServiceMeasure measure) {
        double total = measure.of(longTenant) + measure.of(shortTenant);
        return total > 0 ? measure.of(tenant) / total : Double.NaN;
    }

    /** Both tenants' generated tokens per second: what the pool delivered. */
    double totalOutputPerSecond() {
        return rate(longTenant, ServiceMeasure.OUTPUT_TOKENS) + rate(shortTenant, ServiceMeasure.OUTPUT_TOKENS);
    }
}
