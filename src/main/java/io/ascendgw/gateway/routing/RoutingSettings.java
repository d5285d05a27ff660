package io.ascendgw.gateway.routing;

import java.util.Map;
import java.util.Optional;

import io.ascendgw.gateway.config.RoutingConfig;
import io.ascendgw.gateway.routing.admission.QueueFairness;

/**
 * Routing configuration as plain values: the top-level settings and the per-pool overrides, resolved per pool by
 * {@link #forPool(String)}. Built once at startup; invalid values fail there with the key named.
 */
public final class RoutingSettings {

    private static final String KEY = "gateway.routing.";

    private final PoolRoutingSettings defaults;
    private final Map<String, RoutingConfig.PoolOverrides> overrides;

    private RoutingSettings(PoolRoutingSettings defaults, Map<String, RoutingConfig.PoolOverrides> overrides) {
        this.defaults = defaults;
        this.overrides = Map.copyOf(overrides);
        this.overrides.keySet().forEach(this::forPool);
    }

    public static RoutingSettings from(RoutingConfig config, long staleAfterNanos) {
        RoutingConfig.Weights w = config.weights();
        RoutingConfig.Prefix p = config.prefix();
        PrefixSettings prefix = new PrefixSettings(p.blockTokens().orElse(0), p.maxBlocks(), p.initialBytesPerToken(),
                p.defaultCapacityTokens(), p.capacityFraction(), p.loadGateAbsolute(), p.loadGateRatio());
        PoolRoutingSettings defaults = new PoolRoutingSettings("*", RoutingPolicy.parse(config.policy(), KEY + "policy"),
                new ScorerWeights(w.session(), w.prefix(), w.prefill(), w.inFlight(), w.queue(), w.kvCache(),
                        w.lora()),
                config.saturation().maxInFlightPerEngine(), config.saturation().maxWaitingPerEngine(),
                config.queue().maxSize(), config.queue().timeout(),
                QueueFairness.parse(config.queue().fairness(), KEY + "queue.fairness"), prefix,
                new PoolRoutingSettings.SessionSettings(config.session().tableSize(), config.session().idleTimeout()),
                new PoolRoutingSettings.BreakerSettings(config.circuitBreaker().failureThreshold(),
                        config.circuitBreaker().openDuration(), config.circuitBreaker().maxOpenDuration()),
                staleAfterNanos);
        return new RoutingSettings(defaults, config.pools());
    }

    /** Settings for tests and tools: the same for every pool. */
    public static RoutingSettings uniform(PoolRoutingSettings settings) {
        return new RoutingSettings(settings, Map.of());
    }

    /** The settings of {@code pool}: its overrides on top of the top-level values. */
    public PoolRoutingSettings forPool(String pool) {
        RoutingConfig.PoolOverrides o = overrides.get(pool);
        if (o == null) {
            return new PoolRoutingSettings(pool, defaults.policy(), defaults.weights(),
                    defaults.maxInFlightPerEngine(), defaults.maxWaitingPerEngine(), defaults.queueMaxSize(),
                    defaults.queueTimeout(), defaults.queueFairness(), defaults.prefix(), defaults.session(), defaults.breaker(),
                    defaults.staleAfterNanos());
        }
        String key = KEY + "pools." + pool + ".";
        Optional<String> policy = o.policy();
        PrefixSettings prefix = o.prefixLoadGateRatio().isPresent()
                ? defaults.prefix().withLoadGateRatio(o.prefixLoadGateRatio().getAsDouble()) : defaults.prefix();
        return new PoolRoutingSettings(pool,
                policy.isPresent() ? RoutingPolicy.parse(policy.get(), key + "policy") : defaults.policy(),
                defaults.weights().with(o.weights(), key + "weights."),
                o.maxInFlightPerEngine().orElse(defaults.maxInFlightPerEngine()),
                o.maxWaitingPerEngine().orElse(defaults.maxWaitingPerEngine()),
                o.queueMaxSize().orElse(defaults.queueMaxSize()),
                o.queueTimeout().orElse(defaults.queueTimeout()), defaults.queueFairness(), prefix, defaults.session(), defaults.breaker(),
                defaults.staleAfterNanos());
    }
}
