package io.ascendgw.gateway.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;

/**
 * Keeps label values bounded: a model label is a model some engine serves, else {@code unknown} (clients may send
 * any string); reasons are reduced to short snake_case words and capped in number. Thread-safe, never blocks.
 */
final class LabelValues {

    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";
    /** Most distinct reasons kept before further ones are counted as {@link #OTHER}. */
    static final int MAX_REASONS = 32;
    /** Reasons are a handful of fixed phrases: each is reduced once, not split with a regex per request. */
    private static final int MAX_CACHED = 256;

    private final EngineRegistry registry;
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();
    private final Map<String, String> labelsByReason = new ConcurrentHashMap<>();

    LabelValues(EngineRegistry registry) {
        this.registry = registry;
    }

    /** The model as a label: itself when an engine serves (or is configured to serve) it, else {@code unknown}. */
    String model(String model) {
        if (model == null) {
            return UNKNOWN;
        }
        for (Engine engine : registry.all()) {
            if (engine.modelNames().contains(model)) {
                return model;
            }
        }
        return UNKNOWN;
    }

    /** {@code 200} → {@code 2xx}. */
    static String statusClass(int status) {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> OTHER;
        };
    }

    /**
     * A reason as a label: {@code engine answered 503} → {@code engine_5xx}, {@code first byte timeout} →
     * {@code first_byte_timeout}; at most the first three words, and at most {@link #MAX_REASONS} distinct values.
     */
    String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return OTHER;
        }
        String known = labelsByReason.get(reason);
        if (known != null) {
            return known;
        }
        String label = label(reason);
        if (labelsByReason.size() < MAX_CACHED) {
            labelsByReason.put(reason, label);
        }
        return label;
    }

    private String label(String reason) {
        String text = reason.strip().toLowerCase(Locale.ROOT);
        String label;
        if (text.startsWith("engine answered ") && text.length() >= 17) {
            label = "engine_" + text.charAt(16) + "xx";
        } else {
            StringBuilder out = new StringBuilder();
            int words = 0;
            for (String word : text.split("[^a-z0-9]+")) {
                if (!word.isEmpty() && words++ < 3) {
                    out.append(out.isEmpty() ? "" : "_").append(word);
                }
            }
            label = out.isEmpty() ? OTHER : out.toString();
        }
        if (reasons.contains(label)) {
            return label;
        }
        if (reasons.size() >= MAX_REASONS) {
            return OTHER;
        }
        reasons.add(label);
        return label;
    }
}
