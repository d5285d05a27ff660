package io.ascendgw.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Wires routing into the gateway: the {@link EngineSelector} the proxy calls, the {@link RoutingFeedback} observer,
 * and the timer that wakes queues when capacity frees without a request ending (a scrape shows a shorter engine
 * queue).
 */
@ApplicationScoped
public class RoutingProducer {

    private static final Logger LOG = Logger.getLogger(RoutingProducer.class);
    private static final long PUMP_INTERVAL_MILLIS = 50;

    private final RoutingService service;
    private final RoutingFeedback feedback;
    private final Vertx vertx;
    private long pumpTimer = -1;

    public RoutingProducer(EngineRegistry registry, GatewayConfig config, Vertx vertx) {
        RoutingSettings settings = RoutingSettings.from(config.routing(), config.scrape().staleAfter().toNanos());
        this.service = new RoutingService(registry, settings);
        this.feedback = new RoutingFeedback(service);
        this.vertx = vertx;
        PoolRoutingSettings defaults = settings.forPool("*");
        LOG.infof("routing: policy %s, weights %s, saturation at %d in flight or %d waiting per engine, queue %d for"
                + " up to %s (%s)", defaults.policy().configName(), defaults.weights(), defaults.maxInFlightPerEngine(),
                defaults.maxWaitingPerEngine(), defaults.queueMaxSize(), defaults.queueTimeout(),
                defaults.queueFairness().configName());
    }

    void onStart(@Observes StartupEvent event) {
        pumpTimer = vertx.setPeriodic(PUMP_INTERVAL_MILLIS, id -> service.pumpQueues());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (pumpTimer >= 0) {
            vertx.cancelTimer(pumpTimer);
        }
    }

    /** The selector the proxy calls; also injectable as {@link RoutingService} (queues, breakers, pools). */
    @Produces
    @Singleton
    RoutingService routingService() {
        return service;
    }

    /**
     * Feeds breakers, the prefix model and the queues from finished attempts ({@link ExchangeObserver}); clears an
     * engine's prefix entries and breaker when it restarts ({@link EngineEvents}).
     */
    @Produces
    @Singleton
    RoutingFeedback feedback() {
        return feedback;
    }
}
