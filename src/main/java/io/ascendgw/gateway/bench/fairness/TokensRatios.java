package io.ascendgw.gateway.bench.fairness;

/**
 * Per-key against per-key-requests in the tokens scenario: above 1 the short tenant got a larger share of that
 * measure; a total output ratio near 1 means the pool delivered as many tokens either way. {@code NaN} when either
 * side has no value.
 */
record TokensRatios(double shortOutputShare, double shortWeightedShare, double shortSlotShare,
        double totalOutputPerSecond) {

    static TokensRatios of(TokensNumbers perKey, TokensNumbers perKeyRequests) {
        return new TokensRatios(shortShare(perKey, perKeyRequests, ServiceMeasure.OUTPUT_TOKENS),
                shortShare(perKey, perKeyRequests, ServiceMeasure.WEIGHTED_TOKENS),
                shortShare(perKey, perKeyRequests, ServiceMeasure.SLOT_SECONDS),
                Ratios.quotient(perKey.totalOutputPerSecond(), perKeyRequests.totalOutputPerSecond()));
    }

    private static double shortShare(TokensNumbers value, TokensNumbers base, ServiceMeasure measure) {
        return Ratios.quotient(value.share(value.shortTenant(), measure), base.share(base.shortTenant(), measure));
    }
}
