package io.ascendgw.gateway.bench;

import java.util.SplittableRandom;

/**
 * Send times of an open-loop run: exponential inter-arrival gaps with mean {@code 1/rate} (a Poisson process, as in
 * vLLM's benchmark with burstiness 1), or all at time zero for an infinite rate. Offsets are cumulative from the
 * start of the phase, so the sender follows the clock and never slows down when responses are slow.
 * Not thread-safe; used from one event loop.
 */
public final class PoissonSchedule {

    private final double ratePerNano;
    private final SplittableRandom random;
    private double offsetNanos;

    public PoissonSchedule(double requestsPerSecond, long seed) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + requestsPerSecond);
        }
        this.ratePerNano = requestsPerSecond / 1e9;
        this.random = new SplittableRandom(WorkloadGenerator.mix(seed, 0x9015_5011L));
    }

    /** Offset in nanoseconds from the phase start of the next send (non-decreasing; always 0 when infinite). */
    public long nextOffsetNanos() {
        if (Double.isInfinite(ratePerNano)) {
            return 0;
        }
        // 1 - U lies in (0, 1], so the log is finite.
        offsetNanos += -Math.log(1.0 - random.nextDouble()) / ratePerNano;
        return (long) offsetNanos;
    }
}
