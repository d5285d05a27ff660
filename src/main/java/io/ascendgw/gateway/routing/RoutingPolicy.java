package io.ascendgw.gateway.routing;

import java.util.Locale;

import io.ascendgw.gateway.config.GatewayConfigException;

/** How a pool chooses among the engines that pass the filters. */
public enum RoutingPolicy {
    /** Each engine in turn. */
    ROUND_ROBIN("round-robin"),
    /** Fewest requests in flight from this gateway; ties at random. */
    LEAST_REQUEST("least-request"),
    /** Weighted session, prefix-cache, LoRA, prefill, in-flight, queue and KV-cache scores; the highest wins. */
    DEFAULT("default");

    private final String configName;

    RoutingPolicy(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and logs. */
    public String configName() {
        return configName;
    }

    /** Parses a configured name; the message names {@code key} when the value is unknown. */
    public static RoutingPolicy parse(String value, String key) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (RoutingPolicy policy : values()) {
            if (policy.configName.equals(wanted)) {
                return policy;
            }
        }
        throw new GatewayConfigException(key + " must be round-robin, least-request or default, got '" + value
                + "'");
    }
}
