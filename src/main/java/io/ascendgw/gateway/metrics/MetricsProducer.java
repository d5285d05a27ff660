package io.ascendgw.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.ascendgw.gateway.config.GatewayConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * Builds the metrics components from configuration: {@link GatewayMetrics} on the Prometheus registry, and
 * {@link EngineMeters} (also an {@link io.ascendgw.gateway.engine.EngineEvents} listener) with the routing's queue
 * and circuit hooks when routing provides them.
 */
@ApplicationScoped
public class MetricsProducer {

    @Produces
    @Singleton
    GatewayMetrics gatewayMetrics(PrometheusMeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Produces
    @Singleton
    EngineMeters engineMeters(GatewayMetrics metrics, GatewayConfig config, Instance<QueueDepthSource> queues,
            Instance<CircuitStateSource> circuits) {
        QueueDepthSource queue = queues.isResolvable() ? queues.get() : pool -> 0;
        return new EngineMeters(metrics, config.scrape().staleAfter().toNanos(), queue::queueLength,
                circuits.isResolvable() ? circuits.get() : null);
    }
}
