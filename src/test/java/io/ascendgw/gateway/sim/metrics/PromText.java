package io.ascendgw.gateway.sim.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal Prometheus text parser for tests: series ({@code name{labels}}) to value, family to type. */
public final class PromText {

    public final Map<String, Double> samples = new LinkedHashMap<>();
    public final Map<String, String> types = new LinkedHashMap<>();

    public static PromText parse(String text) {
        PromText p = new PromText();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                p.types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                String value = line.substring(space + 1);
                p.samples.put(line.substring(0, space), value.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(value));
            }
        }
        return p;
    }

    public double value(String series) {
        Double v = samples.get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in " + samples.keySet());
        }
        return v;
    }
}
