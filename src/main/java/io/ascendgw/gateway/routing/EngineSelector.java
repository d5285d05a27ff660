package io.ascendgw.gateway.routing;

/** Chooses the engine for one request attempt: the seam the proxy calls. */
public interface EngineSelector {

    /**
     * Decides where an attempt goes: an engine that serves the request's model, preferring engines not in
     * {@link RoutingRequest#excluded()}; or the pool's queue when every such engine is saturated; or nowhere.
     * Runs on the event loop for every attempt: must not block and costs microseconds.
     */
    RoutingDecision select(RoutingRequest request);
}
