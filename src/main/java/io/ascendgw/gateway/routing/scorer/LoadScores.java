package io.ascendgw.gateway.routing.scorer;

/** The min-max normalisation GIE's load scorers use, inverted so the least loaded scores 1. */
final class LoadScores {

    /** Score of an engine whose signal is unknown: between the best and the worst. */
    static final double UNKNOWN = 0.5;

    private LoadScores() {
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
