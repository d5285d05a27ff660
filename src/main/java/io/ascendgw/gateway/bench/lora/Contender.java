package io.ascendgw.gateway.bench.lora;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.bench.UsageException;

/**
 * One gateway configuration the LoRA benchmark compares: a routing policy and, for the default policy, whether the
 * LoRA-affinity scorer weighs in.
 *
 * @param name the name in flags, table and JSON
 * @param properties the gateway properties ({@code -D} keys) that make the configuration
 */
record Contender(String name, Map<String, String> properties) {

    /** The baseline of the ratios: the default policy with the LoRA scorer's weight at 0. */
    static final String LORA_BLIND = "lora-blind";
    static final String LORA_AWARE = "lora-aware";

    /** The names {@link #named} knows, in the default order. */
    static final List<String> NAMES = List.of(LORA_BLIND, LORA_AWARE, "least-request", "round-robin");

    Contender {
        properties = Map.copyOf(properties);
    }

    /**
     * {@code lora-blind} (default policy, {@code gateway.routing.weights.lora=0}), {@code lora-aware} (default
     * policy as shipped, weight 5), {@code lora=W} (default policy, weight W, to try another weight),
     * {@code least-request} or {@code round-robin}.
     */
    static Contender named(String name) throws UsageException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (name.startsWith("lora=")) {
            String weight = name.substring("lora=".length());
            if (!weight.matches("\\d+(\\.\\d+)?")) {
                throw new UsageException("--configs: lora=W needs a weight >= 0, got '" + name + "'");
            }
            properties.put("gateway.routing.policy", "default");
            properties.put("gateway.routing.weights.lora", weight);
            return new Contender(name, properties);
        }
        switch (name) {
            case LORA_BLIND -> {
                properties.put("gateway.routing.policy", "default");
                properties.put("gateway.routing.weights.lora", "0");
            }
            // the shipped weight, not a copy of it, so the benchmark follows a change of the default
            case LORA_AWARE -> properties.put("gateway.routing.policy", "default");
            case "least-request", "round-robin" -> properties.put("gateway.routing.policy", name);
            default -> throw new UsageException("--configs: unknown configuration '" + name + "'; known: "
                    + String.join(", ", NAMES) + ", lora=W");
        }
        return new Contender(name, properties);
    }
}
