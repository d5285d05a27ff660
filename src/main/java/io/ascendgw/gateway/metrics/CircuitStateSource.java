package io.ascendgw.gateway.metrics;

/**
 * Hook for the routing's circuit breakers: when a CDI bean implements this, {@code gateway_engine_circuit_open} is
 * exported per engine; without one it is not.
 */
public interface CircuitStateSource {

    /**
     * Whether requests are currently kept away from the engine by its circuit breaker. Called from the
     * {@code /metrics} worker thread at every scrape: must be cheap and must not block.
     */
    boolean circuitOpen(String engineId);
}
