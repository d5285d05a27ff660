package io.ascendgw.gateway.routing;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEvents;
import io.ascendgw.gateway.engine.EngineState;
import io.ascendgw.gateway.proxy.ExchangeObserver;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.ascendgw.gateway.proxy.Usage;
import io.ascendgw.gateway.routing.breaker.CircuitBreaker;
import io.ascendgw.gateway.routing.prefix.PrefixAffinity;

/**
 * What routing learns after deciding: sent attempts and first bytes feed the prefill tracker, attempt outcomes feed
 * the circuit breakers, answered requests teach the
 * prefix model (bytes per token, generated blocks), every finished attempt wakes the pool's queue, and engine
 * restarts wipe what was believed about the engine's cache. Event-loop and supervisor callbacks; never blocks.
 */
public final class RoutingFeedback implements ExchangeObserver, EngineEvents {

    private final RoutingService routing;

    public RoutingFeedback(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public void onRouted(RoutingRequest request, Engine engine) {
        routing.prefills().sent(request.requestId(), engine.id());
    }

    @Override
    public void onStreamEvents(ExchangeSummary.Partial request, long sincePreviousNanos, int count) {
        if (sincePreviousNanos < 0) {
            routing.prefills().answered(request.requestId());
        }
    }

    @Override
    public void onAttemptEnded(RoutingRequest request, Engine engine, AttemptOutcome outcome, Usage usage) {
        routing.prefills().answered(request.requestId());
        CircuitBreaker breaker = routing.breakers().of(engine.id());
        long now = System.nanoTime();
        switch (outcome) {
            case SUCCEEDED -> breaker.onSuccess(request.requestId());
            case ENGINE_FAILED -> breaker.onFailure(request.requestId(), request.createdNanos(), now);
            case ENGINE_TIMEOUT -> breaker.onFailure(request.requestId(), now);
            case ABANDONED -> breaker.onAbandoned(request.requestId(), now);
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
        PoolRouter router = routing.router(engine.pool());
        PrefixAffinity prefix = router.prefix();
        if (outcome == AttemptOutcome.SUCCEEDED && usage != null) {
            if (prefix != null) {
                prefix.answered(engine, request.model(), request.prompt(), usage.promptTokens(),
                        usage.completionTokens());
            }
            router.queue().served(request.tenant(), usage.promptTokens(), usage.cachedTokens(),
                    usage.completionTokens());
        }
        router.queue().capacityFreed();
    }

    @Override
    public void onLaunched(Engine engine, long pid) {
        forget(engine);
    }

    @Override
    public void onStateChange(Engine engine, EngineState from, EngineState to) {
        if (to instanceof EngineState.Ready) {
            routing.router(engine.pool()).queue().capacityFreed();
        } else if (to instanceof EngineState.Stopped || to instanceof EngineState.Failed) {
            forget(engine);
        }
    }

    private void forget(Engine engine) {
        routing.breakers().of(engine.id()).reset();
        PrefixAffinity prefix = routing.router(engine.pool()).prefix();
        if (prefix != null) {
            prefix.index().clear(engine.id());
        }
    }
}
