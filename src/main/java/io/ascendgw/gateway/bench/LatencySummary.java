package io.ascendgw.gateway.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One latency distribution in milliseconds. Mean and standard deviation are exact; percentiles come from an
 * HdrHistogram with 3 significant digits (nearest-rank: the smallest recorded value with at least p% of samples at
 * or below it). All values are {@code NaN} when {@code count == 0}.
 *
 * @param count number of samples
 * @param meanMs arithmetic mean
 * @param stdMs population standard deviation
 * @param minMs smallest sample
 * @param maxMs largest sample
 * @param percentilesMs percentile (e.g. 50.0, 90.0, 99.0 and any requested) to value, ascending
 */
public record LatencySummary(long count, double meanMs, double stdMs, double minMs, double maxMs,
        Map<Double, Double> percentilesMs) {

    public LatencySummary {
        percentilesMs = Collections.unmodifiableMap(new TreeMap<>(percentilesMs));
    }

    /** The value at percentile {@code p}; {@code NaN} if it was not computed or there are no samples. */
    public double percentile(double p) {
        return percentilesMs.getOrDefault(p, Double.NaN);
    }

    /** The 50th percentile. */
    public double medianMs() {
        return percentile(50.0);
    }

    /** The 90th percentile. */
    public double p90Ms() {
        return percentile(90.0);
    }

    /** The 99th percentile. */
    public double p99Ms() {
        return percentile(99.0);
    }
}
