package io.ascendgw.gateway.bench;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * Accumulates one latency distribution: an HdrHistogram in microseconds (3 significant digits, auto-resizing) for
 * percentiles plus an exact sum and sum of squares for mean and deviation. Not thread-safe: confined to the run's
 * event loop.
 */
final class LatencyStats {

    private final Histogram histogram = new Histogram(3);
    private long count;
    private double sumNanos;
    private double sumSquaresMs;

    /** Records one sample; negative samples are clamped to zero. */
    void recordNanos(long nanos) {
        long value = Math.max(0, nanos);
        histogram.recordValue(value / 1_000);
        count++;
        sumNanos += value;
        double ms = value / 1e6;
        sumSquaresMs += ms * ms;
    }

    long count() {
        return count;
    }

    /** Summary with the union of {50, 90, 99} and {@code percentiles}. */
    LatencySummary summarize(Iterable<Double> percentiles) {
        TreeMap<Double, Double> values = new TreeMap<>();
        for (double p : new double[] {50.0, 90.0, 99.0}) {
            values.put(p, percentileMs(p));
        }
        for (double p : percentiles) {
            values.put(p, percentileMs(p));
        }
        if (count == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        }
        double meanMs = sumNanos / count / 1e6;
        double variance = Math.max(0, sumSquaresMs / count - meanMs * meanMs);
        return new LatencySummary(count, meanMs, Math.sqrt(variance), histogram.getMinValue() / 1e3,
                histogram.getMaxValue() / 1e3, Map.copyOf(values));
    }

    private double percentileMs(double p) {
        return count == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1e3;
    }
}
