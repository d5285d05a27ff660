package io.ascendgw.gateway.sim.structured;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.text.BlockHasher;
import io.ascendgw.gateway.sim.text.Vocabulary;

/**
 * An answer constrained by a JSON Schema, as vLLM's structured outputs ({@code response_format} {@code json_schema},
 * {@code guided_json}, {@code structured_outputs.json}) produce it: one JSON document that validates against the
 * schema, written the way models write JSON ({@code {"key": "value", "n": 3}}). Covers what SDKs and pydantic emit:
 * {@code type} (also as a list), {@code properties} (all of them, in order), {@code required}, {@code items},
 * {@code prefixItems}, {@code minItems}/{@code maxItems}, {@code enum}, {@code const}, {@code anyOf}/{@code oneOf},
 * {@code allOf} of objects, {@code $ref} into {@code $defs}/{@code definitions} (recursion ends at a depth limit),
 * {@code patternProperties} (keys its regexes match), {@code minProperties}/{@code maxProperties},
 * {@code uniqueItems}, string {@code minLength}/{@code maxLength}, {@code pattern} (a string the regex matches, as
 * {@link RegexText} makes them; free text when it cannot) and common {@code format}s, number bounds and
 * {@code multipleOf}. The text is a pure function of the schema and the sequence's key. Immutable.
 */
public final class JsonSchemaText implements OutputStructure {

    /** Below this depth optional parts (nullable branches, optional properties, array items) are left out. */
    private static final int DEPTH_LIMIT = 6;
    /** A schema that still demands more at this depth has no finite instance; {@code null} ends it. */
    private static final int HARD_DEPTH_LIMIT = 32;
    /**
     * Characters past which arrays and strings stop growing, whatever their minimums say: more than any context
     * holds (the answer is cut at max_tokens anyway), and a huge {@code minItems} cannot stall the engine thread.
     */
    static final int MAX_CHARS = 1 << 18;

    private final JsonNode schema;

    /** {@code schema} null or {@code true} means any JSON object ({@code response_format} {@code json_object}). */
    public JsonSchemaText(JsonNode schema) {
        this.schema = schema;
    }

    @Override
    public String text(long key) {
        StringBuilder out = new StringBuilder();
        new Writer(schema, key, out).value(schema, 0);
        return out.toString();
    }

    /** One rendering: the root for {@code $ref}s, a random stream, the output. */
    private static final class Writer {

        private final JsonNode root;
        private final StringBuilder out;
        private long state;

        Writer(JsonNode root, long key, StringBuilder out) {
            this.root = root;
            this.out = out;
            this.state = key;
        }

        void value(JsonNode s, int depth) {
            if (depth >= HARD_DEPTH_LIMIT) {
                out.append("null");
                return;
            }
            if (s == null || s.isBoolean() || s.isEmpty()) {
                anyObject(depth);
                return;
            }
            s = resolve(s);
            if (s.has("const")) {
                out.append(s.get("const").toString());
                return;
            }
            JsonNode options = s.has("enum") ? s.get("enum") : null;
            if (options != null && options.isArray() && !options.isEmpty()) {
                out.append(options.get(pick(options.size())).toString());
                return;
            }
            JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
            if (branches != null && branches.isArray() && !branches.isEmpty()) {
                value(branch(branches, depth), depth);
                return;
            }
            if (s.has("allOf") && s.get("allOf").isArray()) {
                object(merged(s), depth);
                return;
            }
            switch (type(s, depth)) {
                case "object" -> object(s, depth);
                case "array" -> array(s, depth);
                case "string" -> string(s);
                case "integer" -> integer(s);
                case "number" -> number(s);
                case "boolean" -> out.append(next() % 2 == 0 ? "true" : "false");
                case "null" -> out.append("null");
                default -> anyObject(depth);
            }
        }

        /** The schema a {@code $ref} names (followed through chains), or {@code s} itself. */
        private JsonNode resolve(JsonNode s) {
            for (int hops = 0; hops < 32 && s.has("$ref") && s.get("$ref").isTextual(); hops++) {
                JsonNode target = root.at(s.get("$ref").textValue().replaceFirst("^#", ""));
                if (target.isMissingNode()) {
                    break;
                }
                s = target;
            }
            return s;
        }

        /** A branch of anyOf/oneOf: any at shallow depth, the simplest (null, else a scalar) when deep. */
        private JsonNode branch(JsonNode branches, int depth) {
            if (depth < DEPTH_LIMIT) {
                return branches.get(pick(branches.size()));
            }
            JsonNode scalar = branches.get(0);
            for (JsonNode b : branches) {
                String t = type(resolve(b), depth);
                if (t.equals("null")) {
                    return b;
                }
                if (!t.equals("object") && !t.equals("array")) {
                    scalar = b;
                }
            }
            return scalar;
        }

        private String type(JsonNode s, int depth) {
            JsonNode type = s.get("type");
            if (type != null && type.isTextual()) {
                return type.textValue();
            }
            if (type != null && type.isArray() && !type.isEmpty()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> types.add(t.asText()));
                if (depth >= DEPTH_LIMIT && types.contains("null")) {
                    return "null";
                }
                return types.get(pick(types.size()));
            }
            if (s.has("properties")) {
                return "object";
            }
            if (s.has("items") || s.has("prefixItems")) {
                return "array";
            }
            return s.has("minimum") || s.has("maximum") ? "number" : "string";
        }

        /** The properties and required lists of allOf's parts (and the schema's own) as one object schema. */
        private JsonNode merged(JsonNode s) {
            ObjectNode merged = s.deepCopy();
            merged.remove("allOf");
            ObjectNode properties = merged.withObjectProperty("properties");
            for (JsonNode part : s.get("allOf")) {
                JsonNode resolved = resolve(part);
                JsonNode partProperties = resolved.get("properties");
                if (partProperties != null && partProperties.isObject()) {
                    properties.setAll((ObjectNode) partProperties);
                }
            }
            merged.put("type", "object");
            return merged;
        }

        private void object(JsonNode s, int depth) {
            JsonNode properties = s.get("properties");
            JsonNode extra = s.get("additionalProperties");
            List<String> required = new ArrayList<>();
            if (s.get("required") != null) {
                s.get("required").forEach(r -> required.add(r.asText()));
            }
            Map<String, JsonNode> chosen = new LinkedHashMap<>();
            // a required key without a property schema takes additionalProperties' (or any value)
            JsonNode extraSchema = extra != null && extra.isObject() ? extra : null;
            for (String key : required) {
                chosen.put(key, properties != null && properties.has(key) ? properties.get(key) : extraSchema);
            }
            int maxProperties = intOf(s, "maxProperties", Integer.MAX_VALUE);
            if (properties != null && properties.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (depth < DEPTH_LIMIT && chosen.size() < maxProperties) {
                        chosen.putIfAbsent(p.getKey(), p.getValue());
                    }
                }
                chosen = inSchemaOrder(chosen, properties);
            }
            boolean open = extra == null || !extra.isBoolean() || extra.booleanValue();
            int minProperties = Math.min(intOf(s, "minProperties", 0), maxProperties);
            JsonNode patterns = s.get("patternProperties");
            if (patterns != null && patterns.isObject() && depth < DEPTH_LIMIT) {
                // keys the patterns match (a map of ids to records, say), as many as the minimum asks or a few
                int wanted = Math.max(minProperties - chosen.size(), properties == null ? 1 + pick(2) : 0);
                for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> pattern = it.next();
                    RegexText keys = RegexText.parse(pattern.getKey());
                    for (int k = 0; keys != null && k < 4 * wanted && chosen.size() < maxProperties
                            && countFrom(chosen, pattern.getKey()) < wanted; k++) {
                        chosen.putIfAbsent(keys.text(next()), pattern.getValue());
                    }
                }
            }
            for (int tries = 0; open && chosen.size() < minProperties && tries < 4 * minProperties + 8; tries++) {
                chosen.putIfAbsent(asciiWord(), extraSchema);
            }
            if (chosen.isEmpty()) {
                boolean closed = extra != null && extra.isBoolean() && !extra.booleanValue();
                if (closed) {
                    out.append("{}");
                } else {
                    anyObject(extraSchema, depth);
                }
                return;
            }
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> p : chosen.entrySet()) {
                out.append(separator);
                JsonText.string(out, p.getKey(), false).append(": ");
                value(p.getValue(), depth + 1);
                separator = ", ";
            }
            out.append('}');
        }

        /** How many chosen keys the regex matches. */
        private static int countFrom(Map<String, JsonNode> chosen, String regex) {
            Pattern compiled = Pattern.compile(regex);
            int n = 0;
            for (String key : chosen.keySet()) {
                if (compiled.matcher(key).find()) {
                    n++;
                }
            }
            return n;
        }

        /** The chosen properties in the order the schema lists them, keys it does not list last. */
        private static Map<String, JsonNode> inSchemaOrder(Map<String, JsonNode> chosen, JsonNode properties) {
            Map<String, JsonNode> ordered = new LinkedHashMap<>();
            properties.fieldNames().forEachRemaining(k -> {
                if (chosen.containsKey(k)) {
                    ordered.put(k, chosen.get(k));
                }
            });
            chosen.forEach(ordered::putIfAbsent);
            return ordered;
        }

        /** An object of a few word keys, whose values follow {@code values} (short texts when null). */
        private void anyObject(JsonNode values, int depth) {
            int fields = depth >= DEPTH_LIMIT ? 0 : 1 + pick(3);
            out.append('{');
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < fields; i++) {
                String key = word();
                if (keys.contains(key)) {
                    continue;
                }
                out.append(keys.isEmpty() ? "" : ", ");
                keys.add(key);
                JsonText.string(out, key, false).append(": ");
                if (values == null) {
                    JsonText.string(out, words(1 + pick(4)), false);
                } else {
                    value(values, depth + 1);
                }
            }
            out.append('}');
        }

        /** An object the schema says nothing about: a few word keys with short text values. */
        private void anyObject(int depth) {
            anyObject(null, depth);
        }

        private void array(JsonNode s, int depth) {
            JsonNode prefix = s.get("prefixItems");
            int prefixLength = prefix != null && prefix.isArray() ? prefix.size() : 0;
            int min = Math.max(intOf(s, "minItems", 0), prefixLength);
            int max = Math.max(min, intOf(s, "maxItems", Math.max(min, 3)));
            int count = depth >= DEPTH_LIMIT ? min : min + pick(Math.min(max, min + 3) - min + 1);
            JsonNode items = s.get("items");
            boolean unique = s.path("uniqueItems").asBoolean(false);
            List<String> written = new ArrayList<>();
            out.append('[');
            for (int i = 0; i < count && out.length() < MAX_CHARS; i++) {
                JsonNode itemSchema = i < prefixLength ? prefix.get(i) : items != null && items.isObject() ? items
                        : null;
                int mark = out.length();
                out.append(i == 0 ? "" : ", ");
                int start = out.length();
                JsonNode options = itemSchema == null ? null : resolve(itemSchema).get("enum");
                if (unique && options != null && options.isArray()) {
                    // unique values of an enum: drawn from those not written yet
                    List<String> left = new ArrayList<>();
                    options.forEach(o -> left.add(o.toString()));
                    left.removeAll(written);
                    if (left.isEmpty()) {
                        out.setLength(mark);
                        break;
                    }
                    out.append(left.get(pick(left.size())));
                } else {
                    value(itemSchema, depth + 1);
                }
                // a repeat is drawn again; an item type with too few values ends the array early
                for (int retry = 0; unique && written.contains(out.substring(start)) && retry < 32; retry++) {
                    out.setLength(start);
                    value(itemSchema, depth + 1);
                }
                if (unique && written.contains(out.substring(start))) {
                    out.setLength(mark);
                    break;
                }
                written.add(unique ? out.substring(start) : "");
            }
            out.append(']');
        }

        private void string(JsonNode s) {
            RegexText pattern = s.path("pattern").isTextual() ? RegexText.parse(s.get("pattern").textValue()) : null;
            if (pattern != null) {
                JsonText.string(out, matching(pattern, intOf(s, "minLength", 0),
                        intOf(s, "maxLength", Integer.MAX_VALUE)), false);
                return;
            }
            String format = s.has("format") ? s.get("format").asText() : "";
            String text = switch (format) {
                case "date" -> date();
                case "date-time" -> date() + "T" + twoDigits(pick(24)) + ":" + twoDigits(pick(60)) + ":"
                        + twoDigits(pick(60)) + "Z";
                case "time" -> twoDigits(pick(24)) + ":" + twoDigits(pick(60)) + ":" + twoDigits(pick(60)) + "Z";
                case "email" -> asciiWord() + "@" + asciiWord() + ".example";
                case "uuid" -> uuid();
                case "uri", "url" -> "https://" + asciiWord() + ".example/" + asciiWord();
                case "ipv4" -> pick(256) + "." + pick(256) + "." + pick(256) + "." + pick(256);
                default -> words(1 + pick(5));
            };
            int minLength = intOf(s, "minLength", 0);
            int maxLength = intOf(s, "maxLength", Integer.MAX_VALUE);
            StringBuilder padded = new StringBuilder(text);
            int codePoints = text.codePointCount(0, text.length());
            while (codePoints < minLength && padded.length() < MAX_CHARS) {
                String piece = " " + word();
                padded.append(piece);
                codePoints += piece.codePointCount(0, piece.length());
            }
            text = padded.toString();
            if (text.codePointCount(0, text.length()) > maxLength) {
                text = text.substring(0, text.offsetByCodePoints(0, maxLength));
            }
            JsonText.string(out, text, false);
        }

        /**
         * A string the pattern matches (so it contains a match, as JSON Schema asks) within the length bounds when a
         * few draws find one; the pattern wins over the bounds otherwise.
         */
        private String matching(RegexText pattern, int minLength, int maxLength) {
            String text = "";
            for (int draw = 0; draw < 8; draw++) {
                text = pattern.text(next());
                int length = text.codePointCount(0, text.length());
                if (length >= minLength && length <= maxLength) {
                    break;
                }
            }
            return text;
        }

        private void integer(JsonNode s) {
            long low = (long) Math.ceil(bound(s, "minimum", "exclusiveMinimum", 0, true));
            long high = (long) Math.floor(bound(s, "maximum", "exclusiveMaximum", Math.max(low, 0) + 100, false));
            if (s.path("multipleOf").isNumber() && s.get("multipleOf").asDouble() > 0) {
                out.append(BigDecimal.valueOf(multiple(s.get("multipleOf").asDouble(), low, high)).longValue());
                return;
            }
            out.append(high < low ? low : low + Long.remainderUnsigned(next(), high - low + 1));
        }

        /** A multiple of {@code step} within [low, high] (the lowest above {@code low} when none fits). */
        private double multiple(double step, double low, double high) {
            long first = (long) Math.ceil(low / step - 1e-9);
            long last = (long) Math.floor(high / step + 1e-9);
            long k = last < first ? first : first + Long.remainderUnsigned(next(), last - first + 1);
            return BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(k)).doubleValue();
        }

        private void number(JsonNode s) {
            double low = bound(s, "minimum", "exclusiveMinimum", 0, true);
            double high = bound(s, "maximum", "exclusiveMaximum", Math.max(low, 0) + 100, false);
            if (s.path("multipleOf").isNumber() && s.get("multipleOf").asDouble() > 0) {
                out.append(BigDecimal.valueOf(multiple(s.get("multipleOf").asDouble(), low, high))
                        .stripTrailingZeros().toPlainString());
                return;
            }
            double value = high <= low ? low : low + (next() >>> 11) * 0x1.0p-53 * (high - low);
            BigDecimal rounded = BigDecimal.valueOf(Math.round(value * 100) / 100.0);
            if (rounded.doubleValue() < low || rounded.doubleValue() > high) {
                rounded = BigDecimal.valueOf(value);
            }
            out.append(rounded.toPlainString());
        }

        /** The inclusive bound a schema sets (an exclusive one moves inwards by 1, or a hair for numbers). */
        private static double bound(JsonNode s, String inclusive, String exclusive, double fallback, boolean lower) {
            if (s.has(inclusive) && s.get(inclusive).isNumber()) {
                return s.get(inclusive).asDouble();
            }
            if (s.has(exclusive) && s.get(exclusive).isNumber()) {
                double edge = s.get(exclusive).asDouble();
                double step = "integer".equals(s.path("type").asText()) ? 1 : Math.max(Math.ulp(edge), 1e-6);
                return lower ? edge + step : edge - step;
            }
            return fallback;
        }

        private static int intOf(JsonNode s, String field, int fallback) {
            JsonNode v = s.get(field);
            return v != null && v.canConvertToInt() ? Math.max(0, v.asInt()) : fallback;
        }

        private String date() {
            return (2000 + pick(30)) + "-" + twoDigits(1 + pick(12)) + "-" + twoDigits(1 + pick(28));
        }

        private String uuid() {
            String hex = Long.toHexString(next() | Long.MIN_VALUE) + Long.toHexString(next() | Long.MIN_VALUE);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                    + hex.substring(17, 20) + "-" + hex.substring(20, 32);
        }

        private static String twoDigits(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private String words(int count) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                sb.append(i == 0 ? "" : " ").append(word());
            }
            return sb.toString();
        }

        private String word() {
            return Vocabulary.word(next());
        }

        private String asciiWord() {
            String w = word();
            while (!w.chars().allMatch(c -> c < 0x80)) {
                w = word();
            }
            return w;
        }

        private int pick(int bound) {
            return bound <= 1 ? 0 : (int) Long.remainderUnsigned(next(), bound);
        }

        private long next() {
            state += 0x9e3779b97f4a7c15L;
            return BlockHasher.mix(state);
        }
    }
}
