package io.ascendgw.gateway.routing;

/** Chooses one candidate from the weighted totals. Thread-safe; event loop; must not block. */
public interface EndpointPicker {

    /** Short name for logs, e.g. {@code max-score}. */
    String name();

    /** The index of the chosen candidate; {@code candidates.size()} is at least 1. */
    int pick(Candidates candidates, double[] totals);
}
