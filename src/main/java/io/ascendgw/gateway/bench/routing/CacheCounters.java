package io.ascendgw.gateway.bench.routing;

import java.util.List;

import io.ascendgw.gateway.bench.scenario.ScenarioGateway;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

/** Prefix-cache queries and hits summed over engines, read from their {@code /metrics}. */
record CacheCounters(double queries, double hits) {

    private static final PrometheusTextParser PARSER = new PrometheusTextParser();

    static CacheCounters read(ScenarioGateway gateway, List<String> engineUrls) {
        double queries = 0;
        double hits = 0;
        for (String url : engineUrls) {
            String text = gateway.fetch(url + "/metrics");
            if (text != null) {
                ParsedMetrics metrics = PARSER.parse(text);
                queries += metrics.sum("vllm:prefix_cache_queries_total", null, null);
                hits += metrics.sum("vllm:prefix_cache_hits_total", null, null);
            }
        }
        return new CacheCounters(queries, hits);
    }

    /** Hit rate of the tokens queried between {@code before} and this reading. */
    double hitRateSince(CacheCounters before) {
        double q = queries - before.queries;
        return q > 0 ? (hits - before.hits) / q : Double.NaN;
    }
}
