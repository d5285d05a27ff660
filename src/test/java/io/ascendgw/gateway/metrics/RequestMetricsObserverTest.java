package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEndpoint;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.MetricType;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.ascendgw.gateway.proxy.Usage;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.testing.Scrape;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The request observer feeding the gateway meters, read back through a real Prometheus registry's scrape. */
class RequestMetricsObserverTest {

    private static final long MS = 1_000_000L;

    private PrometheusMeterRegistry registry;
    private RequestMetricsObserver observer;
    private Engine engine;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EngineRegistry engines = new EngineRegistry();
        engine = new Engine("p-0", "p", new EngineEndpoint("127.0.0.1", 1), List.of(0), true, Set.of("m"));
        engines.add(engine);
        observer = new RequestMetricsObserver(new GatewayMetrics(registry), engines);
    }

    @Test
    void shouldCountRequestsByStatusClassAndOutcomeWhenRequestsFinish() {
        // Given two good streams, a bad request and a cancelled stream
        observer.onFinished(stream("ok", 200, new Usage(10, 5, -1)));
        observer.onFinished(stream("ok", 200, new Usage(10, 7, 4)));
        observer.onFinished(summary("m", false, 400, "client_error", 0, 0, 0, null));
        observer.onFinished(stream("cancelled", 499, null));

        // When
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_requests_total", "model", "m", "status_class", "2xx", "stream", "true",
                "outcome", "ok", "endpoint", "chat")).isEqualTo(2);
        assertThat(scrape.sum("gateway_requests_total", "status_class", "4xx", "outcome", "client_error")).isEqualTo(1);
        assertThat(scrape.sum("gateway_requests_total", "status_class", "4xx", "outcome", "cancelled")).isEqualTo(1);
        assertThat(scrape.sum("gateway_request_duration_seconds_count")).isEqualTo(4);
        // time to first token only for streams that got their answer
        assertThat(scrape.sum("gateway_time_to_first_token_seconds_count")).isEqualTo(2);
        assertThat(scrape.sum("gateway_time_to_first_token_seconds_bucket", "le", "0.04")).isZero();
        assertThat(scrape.sum("gateway_time_to_first_token_seconds_bucket", "le", "0.06")).isEqualTo(2);
    }

    @Test
    void shouldAddUsageToTokenCountersWhenTheEngineReportedIt() {
        // Given
        observer.onFinished(stream("ok", 200, new Usage(10, 5, -1)));
        observer.onFinished(stream("ok", 200, new Usage(12, 7, 4)));
        observer.onFinished(stream("cancelled", 499, null));

        // When
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_prompt_tokens_total", "model", "m")).isEqualTo(22);
        assertThat(scrape.sum("gateway_completion_tokens_total", "model", "m")).isEqualTo(12);
        assertThat(scrape.sum("gateway_cached_prompt_tokens_total", "model", "m")).isEqualTo(4);
    }

    @Test
    void shouldLabelUnknownModelsAsUnknownWhenClientsSendAnyName() {
        // Given names no engine serves, and no model at all
        for (int i = 0; i < 50; i++) {
            observer.onFinished(summary("attack-" + i, false, 404, "client_error", 0, 0, 0, null));
        }
        observer.onFinished(summary(null, false, 400, "client_error", 0, 0, 0, null));

        // When
        Scrape scrape = scrape();

        // Then one series, not fifty-one
        assertThat(scrape.samples("gateway_requests_total")).hasSize(1);
        assertThat(scrape.sum("gateway_requests_total", "model", "unknown")).isEqualTo(51);
    }

    @Test
    void shouldRecordInterTokenGapsAndOverheadWhenAStreamIsRelayed() {
        // Given a first event (no gap) and three gaps of 20 ms
        ExchangeSummary.Partial partial = new ExchangeSummary.Partial("r", ApiEndpoint.CHAT, "m", "p-0", null);
        observer.onStreamEvents(partial, -1, 1);
        for (int i = 0; i < 3; i++) {
            observer.onStreamEvents(partial, 20 * MS, 1);
        }
        observer.onFinished(stream("ok", 200, null));

        // When
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_count", "model", "m")).isEqualTo(3);
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_bucket", "le", "0.025")).isEqualTo(3);
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_bucket", "le", "0.01")).isZero();
        // arrival → upstream sent is 2 ms, engine first byte → client first byte is 1 ms (see stream())
        assertThat(scrape.sum("gateway_overhead_seconds_bucket", "phase", "to_upstream", "le", "0.0025"))
            .isEqualTo(1);
        assertThat(scrape.sum("gateway_overhead_seconds_bucket", "phase", "to_upstream", "le", "0.001")).isZero();
        assertThat(scrape.sum("gateway_overhead_seconds_bucket", "phase", "to_client", "le", "0.001")).isEqualTo(1);
    }

    @Test
    void shouldRecordZeroGapsForEventsThatReachedTheClientTogether() {
        // Given a stream whose first write carried 3 events and whose second, 30 ms later, carried 2
        ExchangeSummary.Partial partial = new ExchangeSummary.Partial("r", ApiEndpoint.CHAT, "m", "p-0", null);
        observer.onStreamEvents(partial, -1, 3);
        observer.onStreamEvents(partial, 30 * MS, 2);

        // When
        Scrape scrape = scrape();

        // Then 4 gaps: 2 + 1 of zero, one of 30 ms
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_count", "model", "m")).isEqualTo(4);
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_bucket", "le", "0.01")).isEqualTo(3);
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_bucket", "le", "0.025")).isEqualTo(3);
        assertThat(scrape.sum("gateway_inter_token_latency_seconds_bucket", "le", "0.05")).isEqualTo(4);
    }

    @Test
    void shouldCountRetriesByReasonAndRejectionsWhenTheyHappen() {
        // Given
        observer.onRetry(new RoutingRequest("r", parsed("m"), Set.of(), null), engine, "engine answered 503");
        observer.onRetry(new RoutingRequest("r", parsed("m"), Set.of(), null), engine, "connect failed");
        observer.onFinished(summary("m", false, 429, "queue_full", 0, 0, 0, null));

        // When
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_retries_total", "engine", "p-0", "reason", "engine_5xx")).isEqualTo(1);
        assertThat(scrape.sum("gateway_retries_total", "engine", "p-0", "reason", "connect_failed")).isEqualTo(1);
        assertThat(scrape.sum("gateway_rejections_total", "model", "m", "reason", "queue_full")).isEqualTo(1);
    }

    @Test
    void shouldObserveTheQueueWaitByKeyForRequestsThatQueuedAndLeaveItOutOfTheGatewaysOverhead() {
        // Given a request of key "batch" that waited 40 ms in the queue and was sent 42 ms after it arrived, and one
        // that never queued
        long base = 1_000_000_000L;
        observer.onFinished(new ExchangeSummary("q", ApiEndpoint.CHAT, "m", false, "p-0", 200, "ok", 1, base,
                base + 42 * MS, base + 90 * MS, base + 91 * MS, base + 300 * MS, 40 * MS, new Usage(1, 1, -1),
                "batch"));
        observer.onFinished(summary("m", false, 200, "ok", 2 * MS, 49 * MS, 50 * MS, null));

        // When
        Scrape scrape = scrape();

        // Then only the queued one is in the queue-wait histogram, under its key
        assertThat(scrape.sum("gateway_queue_wait_seconds_count")).isEqualTo(1);
        assertThat(scrape.sum("gateway_queue_wait_seconds_count", "model", "m", "api_key", "batch")).isEqualTo(1);
        assertThat(scrape.sum("gateway_queue_wait_seconds_sum")).isCloseTo(0.040, within(1e-9));
        // And the gateway's own share before the engine is 2 ms for both, not 42 for the queued one
        assertThat(scrape.sum("gateway_overhead_seconds_count", "phase", "to_upstream")).isEqualTo(2);
        assertThat(scrape.sum("gateway_overhead_seconds_sum", "phase", "to_upstream")).isCloseTo(0.004,
                within(1e-9));
    }

    @Test
    void shouldGiveEveryFamilyHelpAndUseHistogramsWhenScraped() {
        // Given every kind of meter touched once
        observer.onStreamEvents(new ExchangeSummary.Partial("r", ApiEndpoint.CHAT, "m", "p-0", null), 1 * MS, 1);
        observer.onFinished(stream("ok", 200, new Usage(1, 1, 1)));
        observer.onFinished(summary("m", false, 429, "queue_full", 0, 0, 0, null));
        observer.onRetry(new RoutingRequest("r", parsed("m"), Set.of(), null), engine, "connect failed");
        observer.onFinished(new ExchangeSummary("q", ApiEndpoint.CHAT, "m", false, null, 429, "queue_timeout", 0, 0,
                0, 0, 0, 60_000 * MS, 60_000 * MS, null, null));

        // When
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.families()).isNotEmpty().allSatisfy(family -> {
            assertThat(family.name()).startsWith("gateway_");
            assertThat(family.help()).as(family.name()).isNotBlank();
            assertThat(family.type()).isNotIn(MetricType.SUMMARY, MetricType.UNTYPED);
        });
        assertThat(scrape.families()).filteredOn(f -> f.type() == MetricType.HISTOGRAM).extracting(MetricFamily::name)
            .containsExactlyInAnyOrder("gateway_request_duration_seconds", "gateway_time_to_first_token_seconds",
                "gateway_inter_token_latency_seconds", "gateway_overhead_seconds", "gateway_queue_wait_seconds");
    }

    private Scrape scrape() {
        return Scrape.of(registry.scrape());
    }

    private static io.ascendgw.gateway.api.InferenceRequest parsed(String model) {
        return new io.ascendgw.gateway.api.InferenceRequest(ApiEndpoint.CHAT, model, false, false, null, null, null,
                null, false);
    }

    /** A stream: arrival at 0, sent at 2 ms, engine's first byte at 49 ms, client's at 50 ms, end at 300 ms. */
    private static ExchangeSummary stream(String outcome, int status, Usage usage) {
        return summary("m", true, status, outcome, 2 * MS, 49 * MS, 50 * MS, usage);
    }

    private static ExchangeSummary summary(String model, boolean stream, int status, String outcome, long sent,
            long upstreamFirst, long clientFirst, Usage usage) {
        long base = 1_000_000_000L;
        return new ExchangeSummary("r", ApiEndpoint.CHAT, model, stream, "p-0", status, outcome, 1, base,
            sent == 0 ? 0 : base + sent, upstreamFirst == 0 ? 0 : base + upstreamFirst,
            clientFirst == 0 ? 0 : base + clientFirst, base + 300 * MS, 0, usage, null);
    }
}
