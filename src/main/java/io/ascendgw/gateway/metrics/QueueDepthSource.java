package io.ascendgw.gateway.metrics;

/**
 * Hook for the routing's admission queue: a CDI bean implementing this feeds {@code gateway_queue_length{pool}}.
 * Without one the gauge reads 0, which is true while the gateway has no queue of its own.
 */
public interface QueueDepthSource {

    /**
     * Requests of {@code pool} waiting for an engine. Called from the {@code /metrics} worker thread at every
     * scrape: must be cheap and must not block.
     */
    int queueLength(String pool);
}
