package io.ascendgw.gateway.routing.breaker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ascendgw.gateway.routing.PoolRoutingSettings.BreakerSettings;

/** The circuit breaker of every engine, by engine id, created on first use. Any thread. */
public final class CircuitBreakers {

    private final BreakerSettings settings;
    private final Map<String, CircuitBreaker> byEngine = new ConcurrentHashMap<>();

    public CircuitBreakers(BreakerSettings settings) {
        this.settings = settings;
    }

    public CircuitBreaker of(String engineId) {
        CircuitBreaker breaker = byEngine.get(engineId);
        return breaker != null ? breaker : byEngine.computeIfAbsent(engineId, id -> new CircuitBreaker(settings));
    }
}
