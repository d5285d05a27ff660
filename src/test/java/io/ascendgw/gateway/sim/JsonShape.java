package io.ascendgw.gateway.sim;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The structure of a JSON document: keys in order and value kinds, without the values. */
public final class JsonShape {

    private JsonShape() {
    }

    public static String of(JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(e.getKey()).append(':').append(of(e.getValue()));
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + of(node.get(0)) + "]";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "s";
        }
        if (node.isNumber()) {
            return "n";
        }
        return node.isBoolean() ? "b" : "?";
    }

    /** Top-level keys in order. */
    public static String keys(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(k -> sb.append(sb.length() > 0 ? "," : "").append(k));
        return sb.toString();
    }
}
