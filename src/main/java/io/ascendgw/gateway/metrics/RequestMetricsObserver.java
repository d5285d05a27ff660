package io.ascendgw.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.proxy.ExchangeObserver;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.ascendgw.gateway.proxy.Usage;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Feeds {@link GatewayMetrics} from the proxy: one count and latency set per finished request, inter-token gaps of
 * streams, token usage, retries and 429 rejections. Runs on the request's event loop; recording is lock-free.
 */
@ApplicationScoped
public class RequestMetricsObserver implements ExchangeObserver {

    private final GatewayMetrics metrics;
    private final LabelValues labels;

    @Inject
    public RequestMetricsObserver(GatewayMetrics metrics, EngineRegistry registry) {
        this.metrics = metrics;
        this.labels = new LabelValues(registry);
    }

    @Override
    public void onRetry(RoutingRequest request, Engine failed, String reason) {
        metrics.recordRetry(labels.model(request.request().model()), failed.id(), labels.reason(reason));
    }

    @Override
    public void onStreamEvents(ExchangeSummary.Partial request, long sincePreviousNanos, int count) {
        // A stream exists only once an engine serving the model took the request: the name is a bounded label.
        metrics.recordInterTokenGaps(request.model(), sincePreviousNanos, count - 1);
    }

    @Override
    public void onFinished(ExchangeSummary s) {
        String model = labels.model(s.model());
        String apiKey = s.apiKeyName() == null ? "" : s.apiKeyName();
        boolean ok = s.status() == 200;
        long ttft = s.stream() && ok && s.clientFirstByteNanos() > 0 ? s.clientFirstByteNanos() - s.arrivalNanos() : -1;
        metrics.recordRequest(new GatewayMetrics.RequestKey(model, s.endpoint().label(), s.stream(),
                LabelValues.statusClass(s.status()), labels.reason(s.outcome()), apiKey),
                s.endNanos() - s.arrivalNanos(), ttft);
        // Waiting for a free engine is the pool's capacity, not the gateway's overhead.
        long toUpstream = s.upstreamSentNanos() > 0 ? s.upstreamSentNanos() - s.arrivalNanos() - s.queuedNanos() : -1;
        long toClient = ok && s.upstreamFirstByteNanos() > 0 && s.clientFirstByteNanos() > 0
                ? Math.max(0, s.clientFirstByteNanos() - s.upstreamFirstByteNanos()) : -1;
        metrics.recordOverhead(toUpstream, toClient);
        if (s.queuedNanos() > 0) {
            metrics.recordQueueWait(model, apiKey, s.queuedNanos());
        }
        Usage usage = s.usage();
        if (usage != null) {
            metrics.recordTokens(model, apiKey, usage.promptTokens(), usage.completionTokens(), usage.cachedTokens());
        }
        if (s.status() == 429) {
            metrics.recordRejection(model, labels.reason(s.outcome()));
        }
    }
}
