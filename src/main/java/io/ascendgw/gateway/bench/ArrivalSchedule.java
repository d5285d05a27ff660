package io.ascendgw.gateway.bench;

import java.util.SplittableRandom;

/**
 * Send times of an open-loop run, as vLLM's benchmark draws them: gamma-distributed gaps with mean {@code 1/rate}
 * and shape {@code burstiness} (1: exponential gaps, a Poisson process; below 1 the same rate comes in bursts, above
 * 1 more evenly spaced; the gaps' coefficient of variation is {@code 1/sqrt(burstiness)}), or all at time zero for
 * an infinite rate. Offsets are cumulative from the start of the phase, so the sender follows the clock and never
 * slows down when responses are slow. Not thread-safe; used from one event loop.
 */
public final class ArrivalSchedule {

    private final double ratePerNano;
    private final double shape;
    private final SplittableRandom random;
    private double offsetNanos;

    /** Poisson arrivals. */
    public ArrivalSchedule(double requestsPerSecond, long seed) {
        this(requestsPerSecond, seed, 1.0);
    }

    public ArrivalSchedule(double requestsPerSecond, long seed, double burstiness) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + requestsPerSecond);
        }
        if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
            throw new IllegalArgumentException("burstiness must be > 0, got " + burstiness);
        }
        this.ratePerNano = requestsPerSecond / 1e9;
        this.shape = burstiness;
        this.random = new SplittableRandom(WorkloadGenerator.mix(seed, 0x9015_5011L));
    }

    /** Offset in nanoseconds from the phase start of the next send (non-decreasing; always 0 when infinite). */
    public long nextOffsetNanos() {
        if (Double.isInfinite(ratePerNano)) {
            return 0;
        }
        // A gamma(shape, 1) variate has mean `shape`: dividing by shape x rate gives gaps of mean 1/rate.
        double unitGap = shape == 1.0 ? -Math.log(1.0 - random.nextDouble()) : gamma(shape);
        offsetNanos += unitGap / (shape * ratePerNano);
        return (long) offsetNanos;
    }

    /** A gamma(shape, 1) variate: Marsaglia and Tsang's method, boosted for shapes below 1. */
    private double gamma(double k) {
        if (k < 1) {
            // gamma(k) = gamma(k + 1) x U^(1/k); 1 - U lies in (0, 1], so the power is finite.
            return gamma(k + 1) * Math.pow(1.0 - random.nextDouble(), 1.0 / k);
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
