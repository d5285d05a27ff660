package io.ascendgw.gateway.routing;

/**
 * The chosen engine's score from each scorer of the policy (before weighting), for metrics and debugging.
 * {@code names} is shared by every decision of a pipeline; do not modify either array.
 */
public record ScoreCard(String[] names, double[] scores, double total) {

    static final ScoreCard NONE = new ScoreCard(new String[0], new double[0], 0);

    /** The named scorer's score for the chosen engine, or NaN when the policy has no such scorer. */
    public double get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return scores[i];
            }
        }
        return Double.NaN;
    }
}
