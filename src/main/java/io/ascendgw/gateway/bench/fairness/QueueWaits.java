package io.ascendgw.gateway.bench.fairness;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.bench.scenario.ScenarioGateway;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

/**
 * How long each tenant's requests have waited in a gateway's admission queue, added up: the gateway's
 * {@code gateway_queue_wait_seconds} sum by {@code api_key}. It only grows, so a round's share is the difference of
 * a reading after the round and one before ({@link #since}).
 */
record QueueWaits(Map<Tenant, Double> seconds) {

    static final String SUM = "gateway_queue_wait_seconds_sum";
    private static final PrometheusTextParser PARSER = new PrometheusTextParser();

    /** Reads the gateway's {@code /metrics}; fails rather than guess, since the engines' share would be wrong. */
    static QueueWaits read(ScenarioGateway gateway, List<Tenant> tenants) {
        String text = gateway.fetch(gateway.baseUrl() + "/metrics");
        if (text == null) {
            throw new IllegalStateException("cannot read " + gateway.baseUrl() + "/metrics");
        }
        return parse(text, tenants);
    }

    /** The sums of {@code tenants} in a Prometheus text exposition; 0 for a key that has not waited yet. */
    static QueueWaits parse(String text, List<Tenant> tenants) {
        ParsedMetrics metrics = PARSER.parse(text);
        Map<Tenant, Double> seconds = new EnumMap<>(Tenant.class);
        for (Tenant tenant : tenants) {
            seconds.put(tenant, metrics.sum(SUM, "api_key", tenant.keyName()));
        }
        return new QueueWaits(Map.copyOf(seconds));
    }

    /** What {@code tenant}'s requests waited between {@code before} and this reading. */
    double since(QueueWaits before, Tenant tenant) {
        return seconds.getOrDefault(tenant, 0.0) - before.seconds.getOrDefault(tenant, 0.0);
    }
}
