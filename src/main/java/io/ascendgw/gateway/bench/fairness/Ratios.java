package io.ascendgw.gateway.bench.fairness;

/**
 * Per-key against fifo: below 1 the interactive tenant waited less for its first token, and a batch ratio near 1
 * means the batch job lost next to nothing for it. {@code NaN} when either side has no value.
 */
record Ratios(double interactiveTtftP50, double interactiveTtftP99, double batchOutputTokensPerSecond) {

    static Ratios of(PolicySummary perKey, PolicySummary fifo) {
        return new Ratios(quotient(perKey.interactive().ttftP50Ms(), fifo.interactive().ttftP50Ms()),
                quotient(perKey.interactive().ttftP99Ms(), fifo.interactive().ttftP99Ms()),
                quotient(perKey.batch().outputTokensPerSecond(), fifo.batch().outputTokensPerSecond()));
    }

    /** {@code value / base}; NaN unless both are finite and the base above 0. */
    static double quotient(double value, double base) {
        return base > 0 && Double.isFinite(value) && Double.isFinite(base) ? value / base : Double.NaN;
    }
}
