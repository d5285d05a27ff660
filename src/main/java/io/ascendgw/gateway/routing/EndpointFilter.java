package io.ascendgw.gateway.routing;

import io.ascendgw.gateway.engine.Engine;

/**
 * Drops engines that cannot take a request (not ready, wrong model, circuit open, saturated). Filters run in order;
 * the first one that leaves no engine decides the outcome through {@link #rejection()}. Implementations are
 * stateless or thread-safe: every method may run on any event loop at once, must not block and should cost
 * nanoseconds.
 */
public interface EndpointFilter {

    /** What it means when this filter removes the last candidate. */
    enum Rejection {
        /** No engine can serve: the request fails with 503. */
        UNAVAILABLE,
        /** Engines exist but are all at capacity: the request waits in the pool's queue. */
        SATURATED,
        /** A preference only: when it would remove every engine it is ignored. */
        SOFT
    }

    /** Short name for logs and metrics, e.g. {@code ready}. */
    String name();

    /** The outcome when this filter empties the candidate set. */
    default Rejection rejection() {
        return Rejection.UNAVAILABLE;
    }

    /** Whether candidate {@code index} may take {@code request}. Event loop; must not block. */
    boolean accept(RoutingRequest request, Candidates candidates, int index);

    /**
     * Called once for the engine the picker chose; returning false vetoes it and the picker chooses again among the
     * rest. Lets a filter hand out a limited permit atomically, e.g. a circuit breaker's single half-open probe or one
     * of an engine's in-flight slots: {@link #accept} read the state some microseconds before, and requests deciding
     * at once on other event loops may have taken the last permit since. Event loop; must not block.
     */
    default boolean confirm(RoutingRequest request, Engine chosen) {
        return true;
    }

    /** Gives back what {@link #confirm} took for {@code chosen} when a later filter vetoed the choice. */
    default void release(RoutingRequest request, Engine chosen) {
    }
}
