package io.ascendgw.gateway.routing.filter;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;

/**
 * Keeps engines whose circuit breaker lets a request through: closed, or open long enough for a probe. The probe
 * permit is taken only when the picker chose the engine ({@link #confirm}), so exactly one probe goes out.
 */
public final class CircuitBreakerFilter implements EndpointFilter {

    private final CircuitBreakers breakers;

    public CircuitBreakerFilter(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public String name() {
        return "circuit-breaker";
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        return breakers.of(candidates.engine(index).id()).permits(System.nanoTime());
    }

    @Override
    public boolean confirm(RoutingRequest request, Engine chosen) {
        return breakers.of(chosen.id()).tryAcquire(request.requestId(), System.nanoTime());
    }

    @Override
    public void release(RoutingRequest request, Engine chosen) {
        breakers.of(chosen.id()).onAbandoned(request.requestId(), System.nanoTime());
    }
}
