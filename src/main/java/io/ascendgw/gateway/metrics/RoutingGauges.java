package io.ascendgw.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ascendgw.gateway.routing.RoutingService;
import io.ascendgw.gateway.routing.breaker.CircuitBreaker;

/** Feeds {@code gateway_queue_length} and {@code gateway_engine_circuit_open} from the routing's queues and breakers. */
@ApplicationScoped
public class RoutingGauges implements QueueDepthSource, CircuitStateSource {

    private final RoutingService routing;

    @Inject
    public RoutingGauges(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public int queueLength(String pool) {
        return routing.router(pool).queue().size();
    }

    @Override
    public boolean circuitOpen(String engineId) {
        return !(routing.breakers().of(engineId).state() instanceof CircuitBreaker.Closed);
    }
}
