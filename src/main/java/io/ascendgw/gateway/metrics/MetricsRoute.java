package io.ascendgw.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} (where Prometheus and vLLM users look) and its alias {@code /q/metrics}: the gateway, engine
 * and NPU metrics in the classic text format. Rendered on a worker thread, never on an event loop.
 */
@ApplicationScoped
public class MetricsRoute {

    static final String PATH = "/metrics";
    static final String ALIAS = "/q/metrics";

    private final MetricsExposition exposition;

    @Inject
    public MetricsRoute(PrometheusMeterRegistry registry, EngineMeters engineMeters, EngineRegistry engines,
            NpuMonitor npu, GatewayConfig config) {
        this.exposition = new MetricsExposition(registry, engines::all, engineMeters,
                config.scrape().staleAfter().toNanos(), npu::families);
    }

    void register(@Observes Router router) {
        router.get(PATH).order(-100).blockingHandler(this::serve, false);
        router.get(ALIAS).order(-100).blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        String body = exposition.render();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, MetricsExposition.CONTENT_TYPE).end(body);
    }
}
