package io.ascendgw.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.ascendgw.gateway.engine.EngineRegistry;

/** Builds the configured routing policy. */
@ApplicationScoped
public class RoutingProducer {

    @Produces
    @ApplicationScoped
    EngineSelector selector(EngineRegistry registry) {
        return new LeastRequestSelector(registry);
    }
}
