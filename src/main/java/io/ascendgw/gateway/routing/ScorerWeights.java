package io.ascendgw.gateway.routing;

import java.util.Map;

import io.ascendgw.gateway.config.GatewayConfigException;

/** Weights of the default policy's scorers; 0 turns a scorer off. */
public record ScorerWeights(double session, double prefix, double prefill, double inFlight, double queue,
        double kvCache, double lora) {

    public ScorerWeights {
        check(session, "session");
        check(prefix, "prefix");
        check(prefill, "prefill");
        check(inFlight, "in-flight");
        check(queue, "queue");
        check(kvCache, "kv-cache");
        check(lora, "lora");
    }

    /** A copy with the named weights replaced; names are the configuration's ({@code in-flight}, ...). */
    public ScorerWeights with(Map<String, Double> overrides, String keyPrefix) {
        double s = session;
        double p = prefix;
        double pf = prefill;
        double f = inFlight;
        double q = queue;
        double k = kvCache;
        double l = lora;
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            double v = e.getValue();
            switch (e.getKey()) {
                case "session" -> s = v;
                case "prefix" -> p = v;
                case "prefill" -> pf = v;
                case "in-flight" -> f = v;
                case "queue" -> q = v;
                case "kv-cache" -> k = v;
                case "lora" -> l = v;
                default -> throw new GatewayConfigException(keyPrefix + e.getKey()
                        + " is not a scorer; use session, prefix, prefill, in-flight, queue, kv-cache or lora");
            }
        }
        return new ScorerWeights(s, p, pf, f, q, k, l);
    }

    private static void check(double weight, String name) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new GatewayConfigException("gateway.routing.weights." + name + " (or a pool's override of it) must"
                    + " be >= 0, got " + weight);
        }
    }
}
