package io.ascendgw.gateway.routing;

import java.util.Optional;

import io.ascendgw.gateway.engine.Engine;

/** Chooses the engine for one request attempt. */
public interface EngineSelector {

    /**
     * Picks a ready engine that serves the request's model, preferring engines not in
     * {@link RoutingRequest#excluded()}. Runs on the event loop for every request: must not block and should cost
     * microseconds.
     *
     * @return the engine, or empty when none can take the request
     */
    Optional<Engine> select(RoutingRequest request);
}
