package io.ascendgw.gateway.sim.engine;

/**
 * Duration of one engine step: a fixed decode cost, a cost per scheduled sequence (batch size) and the prefill of
 * the uncached prompt tokens scheduled in the step.
 *
 * @param prefillTokensPerSecond prefill throughput
 * @param decodeBaseMillis       per-step cost independent of batch size
 * @param decodePerSeqMillis     added per scheduled sequence
 * @param zeroDelay              all steps take no time (proxy benchmarks)
 */
public record SpeedModel(double prefillTokensPerSecond, double decodeBaseMillis, double decodePerSeqMillis,
        boolean zeroDelay) {

    /** Nanoseconds for a step with {@code sequences} scheduled sequences and {@code prefillTokens} prefill tokens. */
    public long stepNanos(int sequences, int prefillTokens) {
        if (zeroDelay) {
            return 0;
        }
        double millis = decodeBaseMillis + decodePerSeqMillis * sequences
                + (prefillTokensPerSecond > 0 ? prefillTokens * 1000.0 / prefillTokensPerSecond : 0);
        return (long) (millis * 1_000_000L);
    }
}
