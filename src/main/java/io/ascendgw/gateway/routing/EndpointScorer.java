package io.ascendgw.gateway.routing;

/**
 * Scores every candidate in [0, 1] (higher is better); the pipeline clamps the scores and adds them with the
 * scorer's configured weight. Implementations are thread-safe: every method may run on any event loop at once,
 * must not block, and should cost microseconds at most.
 */
public interface EndpointScorer {

    /** Whether a scorer pulls requests to particular engines or spreads them. */
    enum Category {
        /** Prefers engines that already hold something for this request (prefix, session). */
        AFFINITY,
        /** Spreads load (in-flight, queue, KV usage). */
        DISTRIBUTION
    }

    /** Short name for logs and metrics, e.g. {@code prefix}. */
    String name();

    Category category();

    /** Writes candidate {@code i}'s score into {@code scores[i]} for every candidate. Event loop; must not block. */
    void score(RoutingRequest request, Candidates candidates, double[] scores);

    /**
     * The request goes to candidate {@code chosen}: record what later decisions should know (the prefix the engine
     * now caches, the session's engine). Event loop; must not block.
     */
    default void onPicked(RoutingRequest request, Candidates candidates, int chosen) {
    }
}
