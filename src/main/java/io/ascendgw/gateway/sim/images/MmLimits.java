package io.ascendgw.gateway.sim.images;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code --limit-mm-per-prompt} in the syntax of the emulated version: 0.7.3's {@code image=2,video=1} (vLLM's
 * {@code nullable_kvs}) or V1's JSON object ({@code {"image": 2}}, also {@code {"image": {"count": 2, ...}}}).
 */
public final class MmLimits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MmLimits() {
    }

    /** Items per modality when the flag does not name it: one in 0.7.3 (V0), 999 in V1. */
    public static int defaultLimit(boolean legacy) {
        return legacy ? 1 : 999;
    }

    /**
     * Modality to item count; empty when the value is empty (vLLM's None).
     *
     * @throws IllegalArgumentException with the message argparse prints after {@code argument --limit-mm-per-prompt: }
     */
    public static Map<String, Integer> parse(String value, boolean legacy) {
        return legacy ? keyValues(value) : json(value);
    }

    private static Map<String, Integer> keyValues(String value) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return limits;
        }
        for (String item : value.split(",", -1)) {
            String[] kv = item.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Each item should be in the form KEY=VALUE");
            }
            String key = kv[0].toLowerCase(Locale.ROOT).strip();
            String count = kv[1].toLowerCase(Locale.ROOT).strip();
            int parsed;
            try {
                parsed = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Failed to parse value of item " + key + "=" + count);
            }
            Integer previous = limits.putIfAbsent(key, parsed);
            if (previous != null && previous != parsed) {
                throw new IllegalArgumentException("Conflicting values specified for key: " + key);
            }
        }
        return limits;
    }

    private static Map<String, Integer> json(String value) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        if (value.isEmpty() || value.equals("None")) {
            return limits;
        }
        JsonNode object;
        try {
            object = JSON.readTree(value);
        } catch (IOException e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            // vLLM's parse_type names the function by its repr, whose address differs from run to run
            throw new IllegalArgumentException("Value " + value + " cannot be converted to <function loads at "
                    + "0x7f5c2a3b1e40>.");
        }
        object.fields().forEachRemaining(e -> limits.put(e.getKey(), count(e.getKey(), e.getValue())));
        return limits;
    }

    private static int count(String modality, JsonNode limit) {
        JsonNode count = limit.isObject() ? limit.get("count") : limit;
        if (count == null || !count.canConvertToExactIntegral() || count.intValue() < 0) {
            throw new IllegalArgumentException("limit_mm_per_prompt[" + modality + "]: expected a count >= 0, got "
                    + limit);
        }
        return count.intValue();
    }
}
