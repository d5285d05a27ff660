package io.ascendgw.gateway.routing;

import io.ascendgw.gateway.engine.Engine;

/** Chooses the engine for one request attempt: the seam the proxy calls. */
public interface EngineSelector {

    /**
     * Decides where an attempt goes: an engine that serves the request's model, preferring engines not in
     * {@link RoutingRequest#excluded()}; or the pool's queue when every such engine is saturated; or nowhere.
     * Runs on the event loop for every attempt: must not block and costs microseconds.
     */
    RoutingDecision select(RoutingRequest request);

    /**
     * Notes that {@code engine} answered Responses API response {@code responseId} (and stored it, if its store is
     * on), so that requests continuing it go there. Event loop.
     */
    default void responseStored(String responseId, Engine engine) {
    }

    /** The id of the engine that answered {@code responseId}, or null when unknown. Any thread. */
    default String engineHolding(String responseId) {
        return null;
    }
}
