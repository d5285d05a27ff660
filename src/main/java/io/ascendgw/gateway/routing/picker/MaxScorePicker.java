package io.ascendgw.gateway.routing.picker;

import java.util.concurrent.ThreadLocalRandom;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointPicker;

/** The candidate with the highest total; equal totals (within 1e-9) are broken uniformly at random. */
public final class MaxScorePicker implements EndpointPicker {

    private static final double EPSILON = 1e-9;

    @Override
    public String name() {
        return "max-score";
    }

    @Override
    public int pick(Candidates candidates, double[] totals) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < candidates.size(); i++) {
            double diff = totals[i] - totals[best];
            if (diff > EPSILON) {
                best = i;
                ties = 1;
            } else if (diff >= -EPSILON && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }
}
