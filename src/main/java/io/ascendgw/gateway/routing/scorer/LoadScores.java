package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;

/** The min-max normalisation GIE's load scorers use, inverted so the least loaded scores 1. */
final class LoadScores {

    /** Score of an engine whose signal is unknown: between the best and the worst. */
    static final double UNKNOWN = 0.5;

    private LoadScores() {
    }

    /** Scores each candidate by its {@code load} (NaN = unknown) with {@link #invertedMinMax}. */
    static void scoreByLoad(Candidates candidates, java.util.function.IntToDoubleFunction load, double[] scores) {
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            scores[i] = load.applyAsDouble(i);
        }
        invertedMinMax(scores, n, scores);
    }

    /**
     * {@code 1 - (v - min) / (max - min)} over the known values (NaN = unknown, scored {@link #UNKNOWN}); every known
     * engine scores 1 when all known values are equal.
     */
    static void invertedMinMax(double[] values, int n, double[] scores) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                scores[i] = UNKNOWN;
            } else {
                scores[i] = range > 0 ? 1 - (v - min) / range : 1;
            }
        }
    }
}
