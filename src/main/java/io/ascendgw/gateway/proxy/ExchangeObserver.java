package io.ascendgw.gateway.proxy;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.AttemptOutcome;
import io.ascendgw.gateway.routing.RoutingDecision;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Told about each request as it crosses the proxy (metrics, the prefix index, the circuit breakers, the access log).
 * All methods run on the request's event loop and must not block.
 */
public interface ExchangeObserver {

    /**
     * Routing decided an attempt: routed (with the chosen engine's scores and prefix match), saturated (the request
     * now waits in the pool's queue) or unavailable.
     */
    default void onDecision(RoutingRequest request, RoutingDecision decision) {
    }

    /** An attempt of the request was sent to {@code engine}. */
    default void onRouted(RoutingRequest request, Engine engine) {
    }

    /** An attempt failed before any byte reached the client and the request is tried elsewhere. */
    default void onRetry(RoutingRequest request, Engine failed, String reason) {
    }

    /**
     * An attempt on {@code engine} is over (exactly once per {@link #onRouted}), whether it answered, failed, timed
     * out or was abandoned; the engine's in-flight count has already been decremented. Also called, abandoned and
     * without {@code onRouted} before it, for a decision that routed to {@code engine} but was not sent after all, so
     * that what the decision took (a circuit breaker's probe) is handed back.
     *
     * @param usage the engine's token counts when it answered with them, else null
     */
    default void onAttemptEnded(RoutingRequest request, Engine engine, AttemptOutcome outcome, Usage usage) {
    }

    /**
     * Content events of a stream reached the client, {@code count} of them in one write.
     *
     * @param sincePreviousNanos time from the previous write of content events to this one, or -1 for the stream's
     *                           first; the other events of the write follow the first with no gap
     */
    default void onStreamEvents(ExchangeSummary.Partial request, long sincePreviousNanos, int count) {
    }

    /** The request is over, whichever way it ended. */
    default void onFinished(ExchangeSummary summary) {
    }
}
