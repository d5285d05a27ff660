package io.ascendgw.gateway.metrics.vllm;

import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_ENGINE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_MAX_LORA;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_RUNNING_LORA_ADAPTERS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_WAITING_LORA_ADAPTERS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LORA_REQUESTS_INFO;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.Sample;

/**
 * Reads {@code vllm:lora_requests_info} into a {@link LoraState}. The gauge's value is the unix time its label
 * combination was last set and every combination ever set stays exposed, so only the series with the largest value is
 * current; the others are history. Series with a NaN value cannot be ordered and are skipped (ties keep the first in
 * text order). Label order, spaces after commas and empty names do not matter.
 *
 * <p>vLLM refuses LoRA with data parallelism (V1 up to at least 0.12), so one series group is the rule; should a
 * series carry an {@code engine} label, the latest series of each engine counts, their adapters are united and their
 * {@code max_lora} summed (unknown if any engine's is).
 *
 * <p>Stateless and thread-safe; runs once per scrape, never per request.
 */
public final class LoraInfoReader {

    /** The engine's LoRA state, or empty when the family is absent or none of its series has a usable value. */
    public Optional<LoraState> read(ParsedMetrics metrics) {
        List<Sample> latestPerEngine = latest(metrics.samples(LORA_REQUESTS_INFO));
        if (latestPerEngine.isEmpty()) {
            return Optional.empty();
        }
        Set<String> running = new HashSet<>();
        Set<String> waiting = new HashSet<>();
        int maxLoras = 0;
        for (Sample sample : latestPerEngine) {
            addNames(sample.labels().getOrDefault(LABEL_RUNNING_LORA_ADAPTERS, ""), running);
            addNames(sample.labels().getOrDefault(LABEL_WAITING_LORA_ADAPTERS, ""), waiting);
            int max = maxLoras(sample.labels().getOrDefault(LABEL_MAX_LORA, ""));
            maxLoras = max == LoraState.UNKNOWN_MAX || maxLoras == LoraState.UNKNOWN_MAX ? LoraState.UNKNOWN_MAX
                    : maxLoras + max;
        }
        return Optional.of(new LoraState(maxLoras, running, waiting));
    }

    /** The current series of {@code vllm:lora_requests_info}: the latest of each engine, NaN values skipped. */
    public static List<Sample> latest(List<Sample> samples) {
        Map<String, Sample> latestPerEngine = new LinkedHashMap<>(2);
        for (Sample sample : samples) {
            if (Double.isNaN(sample.value())) {
                continue;
            }
            String engine = sample.labels().getOrDefault(LABEL_ENGINE, "");
            Sample latest = latestPerEngine.get(engine);
            if (latest == null || sample.value() > latest.value()) {
                latestPerEngine.put(engine, sample);
            }
        }
        return List.copyOf(latestPerEngine.values());
    }

    /** Adds the comma-joined names, trimmed, skipping empty ones. */
    static void addNames(String joined, Set<String> into) {
        int start = 0;
        while (start <= joined.length()) {
            int comma = joined.indexOf(',', start);
            int end = comma < 0 ? joined.length() : comma;
            String name = joined.substring(start, end).trim();
            if (!name.isEmpty()) {
                into.add(name);
            }
            start = end + 1;
        }
    }

    /** {@code max_lora} as vLLM writes it ({@code "2"}; a float spelling is accepted), or unknown. */
    static int maxLoras(String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= Integer.MAX_VALUE && parsed == Math.rint(parsed)) {
                return (int) parsed;
            }
        } catch (NumberFormatException notANumber) {
            // missing or e.g. "None": unknown
        }
        return LoraState.UNKNOWN_MAX;
    }
}
