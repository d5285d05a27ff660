package io.ascendgw.gateway.bench.routing;

import java.util.List;

import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/** Prefix-cache queries and hits summed over engines, read from their {@code /metrics}. */
record CacheCounters(double queries, double hits) {

    static CacheCounters read(ScenarioGateway gateway, List<String> engineUrls) {
        double queries = 0;
        double hits = 0;
        for (String url : engineUrls) {
            String text = gateway.fetch(url + "/metrics");
            if (text == null) {
                continue;
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("vllm:prefix_cache_queries_total")) {
                    queries += value(line);
                } else if (line.startsWith("vllm:prefix_cache_hits_total")) {
                    hits += value(line);
                }
            }
        }
        return new CacheCounters(queries, hits);
    }

    /** Hit rate of the tokens queried between {@code before} and this reading. */
    double hitRateSince(CacheCounters before) {
        double q = queries - before.queries;
        return q > 0 ? (hits - before.hits) / q : Double.NaN;
    }

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        try {
            return Double.parseDouble(parts[parts.length - 1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
