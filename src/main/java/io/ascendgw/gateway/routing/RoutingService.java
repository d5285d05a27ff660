package io.ascendgw.gateway.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;
import io.ascendgw.gateway.routing.prefix.BytesPerToken;
import io.ascendgw.gateway.routing.session.StoredResponses;

/**
 * The gateway's {@link EngineSelector}: finds the pool serving the request's model, keeps arrivals behind anyone
 * already waiting in that pool's queue, and runs the pool's pipeline. Pools get their router on first use. No
 * Quarkus in here; {@link RoutingProducer} wires it. Thread-safe and lock-free on the decision path.
 */
public final class RoutingService implements EngineSelector {

    private final EngineRegistry registry;
    private final RoutingSettings settings;
    private final CircuitBreakers breakers;
    private final BytesPerToken bytesPerToken;
    private final PrefillTracker prefills = new PrefillTracker();
    private final Map<String, PoolRouter> routers = new ConcurrentHashMap<>();
    private final StoredResponses storedResponses = new StoredResponses(StoredResponses.CAPACITY);

    public RoutingService(EngineRegistry registry, RoutingSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.breakers = new CircuitBreakers(settings.forPool("*").breaker());
        this.bytesPerToken = new BytesPerToken(settings.forPool("*").prefix().initialBytesPerToken());
    }

    @Override
    public RoutingDecision select(RoutingRequest request) {
        List<Engine> engines = registry.all();
        String pool = poolOf(engines, request.model());
        if (pool == null) {
            return new RoutingDecision.Unavailable(null, "no-pool");
        }
        PoolRouter router = router(pool);
        if (!request.admitted() && router.queue().hasWaiters()) {
            return new RoutingDecision.Saturated(pool, router.queue());
        }
        return router.pipeline().select(request, engines);
    }

    @Override
    public void responseStored(String responseId, Engine engine) {
        storedResponses.stored(responseId, engine.id());
    }

    @Override
    public String engineHolding(String responseId) {
        return storedResponses.engineOf(responseId);
    }

    /** The router of {@code pool}, created on first use. */
    public PoolRouter router(String pool) {
        PoolRouter router = routers.get(pool);
        return router != null ? router
                : routers.computeIfAbsent(pool, p -> PoolRouter.create(settings.forPool(p), breakers, bytesPerToken,
                        prefills, storedResponses));
    }

    /** Routers created so far. */
    public Collection<PoolRouter> routers() {
        return routers.values();
    }

    public CircuitBreakers breakers() {
        return breakers;
    }

    public PrefillTracker prefills() {
        return prefills;
    }

    public BytesPerToken bytesPerToken() {
        return bytesPerToken;
    }

    /** Wakes every queue that has waiters, in case capacity freed without a request ending (scrape, readiness). */
    public void pumpQueues() {
        for (PoolRouter router : routers.values()) {
            if (router.queue().hasWaiters()) {
                router.queue().capacityFreed();
            }
        }
    }

    /** The pool of the first ready engine serving {@code model}, else of the first serving it at all, else null. */
    static String poolOf(List<Engine> engines, String model) {
        String fallback = null;
        for (int i = 0; i < engines.size(); i++) {
            Engine engine = engines.get(i);
            if (engine.serves(model)) {
                if (engine.routable()) {
                    return engine.pool();
                }
                if (fallback == null) {
                    fallback = engine.pool();
                }
            }
        }
        return fallback;
    }
}
