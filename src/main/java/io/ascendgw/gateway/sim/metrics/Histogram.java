package io.ascendgw.gateway.sim.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** A Prometheus-style histogram with fixed upper bounds; observe from any thread, read from any thread. */
public final class Histogram {

    private final double[] bounds;
    private final AtomicLongArray counts;
    private final AtomicLong sumBits = new AtomicLong(Double.doubleToRawLongBits(0.0));

    /** @param bounds ascending finite upper bounds; {@code +Inf} is implicit */
    public Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new AtomicLongArray(bounds.length + 1);
    }

    /** Records one value. */
    public void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        long prev;
        long next;
        do {
            prev = sumBits.get();
            next = Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + value);
        } while (!sumBits.compareAndSet(prev, next));
    }

    /** Upper bounds, without {@code +Inf}. */
    public double[] bounds() {
        return bounds.clone();
    }

    /** A consistent-enough copy: cumulative bucket counts (last = +Inf = count) and the sum. */
    public Snapshot snapshot() {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, Double.longBitsToDouble(sumBits.get()));
    }

    /**
     * @param cumulative cumulative counts per bound, the last one for {@code +Inf}
     * @param sum        sum of observed values
     */
    public record Snapshot(long[] cumulative, double sum) {

        /** Number of observations. */
        public long count() {
            return cumulative[cumulative.length - 1];
        }
    }
}
