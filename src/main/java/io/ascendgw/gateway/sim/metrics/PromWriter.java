package io.ascendgw.gateway.sim.metrics;

import java.util.Map;
import java.util.TreeMap;

import io.ascendgw.gateway.sim.format.PyFloat;

/** Writes Prometheus text exposition (format 0.0.4) the way prometheus_client does. */
final class PromWriter {

    private final StringBuilder sb = new StringBuilder(16 * 1024);

    void header(String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, double value) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(PyFloat.prometheus(value)).append('\n');
    }

    /** Renders label pairs (key, value, key, value ...) sorted by key, values escaped. */
    static String labels(String... pairs) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            sorted.put(pairs[i], pairs[i + 1]);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return out.toString();
    }

    /** {@code pairs} plus one more pair. */
    static String[] plus(String[] pairs, String key, String value) {
        String[] out = java.util.Arrays.copyOf(pairs, pairs.length + 2);
        out[pairs.length] = key;
        out[pairs.length + 1] = value;
        return out;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    String text() {
        return sb.toString();
    }
}
