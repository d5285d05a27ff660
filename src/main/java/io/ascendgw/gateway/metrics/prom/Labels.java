package io.ascendgw.gateway.metrics.prom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered, small label map. Keeps the order the labels were written in (so rendering is stable) but
 * compares as a set: {@code {a="1",b="2"}} equals {@code {b="2",a="1"}}. Lookups are linear scans, which beat hashing
 * for the handful of labels a series carries.
 */
public final class Labels {

    private static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... */
    private final String[] namesAndValues;
    private int hash;

    private Labels(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    public static Labels empty() {
        return EMPTY;
    }

    /**
     * Labels from alternating names and values, e.g. {@code Labels.of("engine", "0", "model_name", "m")}.
     *
     * @throws IllegalArgumentException on an odd count, a null, or a repeated name
     */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs, got " + namesAndValues.length + " strings");
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            if (copy[i] == null || copy[i + 1] == null) {
                throw new IllegalArgumentException("label names and values must not be null");
            }
            if (indexOf(copy, i, copy[i]) >= 0) {
                throw new IllegalArgumentException("label '" + copy[i] + "' given twice");
            }
        }
        return copy.length == 0 ? EMPTY : new Labels(copy);
    }

    /** For the parser: takes ownership of an already validated array. */
    static Labels ofTrusted(String[] namesAndValues) {
        return namesAndValues.length == 0 ? EMPTY : new Labels(namesAndValues);
    }

    public int size() {
        return namesAndValues.length / 2;
    }

    public boolean isEmpty() {
        return namesAndValues.length == 0;
    }

    public String name(int index) {
        return namesAndValues[2 * index];
    }

    public String value(int index) {
        return namesAndValues[2 * index + 1];
    }

    /**
     * These labels plus one more at the end.
     *
     * @throws IllegalArgumentException when the label is already present
     */
    public Labels with(String name, String value) {
        if (contains(name)) {
            throw new IllegalArgumentException("label '" + name + "' given twice");
        }
        String[] copy = java.util.Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
        copy[copy.length - 2] = java.util.Objects.requireNonNull(name, "name");
        copy[copy.length - 1] = java.util.Objects.requireNonNull(value, "value");
        return new Labels(copy);
    }

    /** The value of label {@code name}, if present. */
    public Optional<String> get(String name) {
        int at = indexOf(namesAndValues, namesAndValues.length, name);
        return at < 0 ? Optional.empty() : Optional.of(namesAndValues[at + 1]);
    }

    /** The value of label {@code name}, or {@code fallback} when absent (no allocation). */
    public String getOrDefault(String name, String fallback) {
        int at = indexOf(namesAndValues, namesAndValues.length, name);
        return at < 0 ? fallback : namesAndValues[at + 1];
    }

    public boolean contains(String name) {
        return indexOf(namesAndValues, namesAndValues.length, name) >= 0;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            action.accept(namesAndValues[i], namesAndValues[i + 1]);
        }
    }

    /** An unmodifiable copy in label order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    private static int indexOf(String[] array, int limit, String name) {
        for (int i = 0; i < limit; i += 2) {
            if (array[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Labels that) || that.namesAndValues.length != namesAndValues.length) {
            return false;
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!namesAndValues[i + 1].equals(that.getOrDefault(namesAndValues[i], null))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                h += namesAndValues[i].hashCode() ^ (31 * namesAndValues[i + 1].hashCode());
            }
            hash = h;
        }
        return h;
    }

    /** Text-format rendering, e.g. {@code {engine="0",model_name="m"}}; empty string when there are no labels. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder().append('{');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(namesAndValues[i]).append("=\"");
            PromText.appendEscapedLabelValue(out, namesAndValues[i + 1]);
            out.append('"');
        }
        return out.append('}').toString();
    }
}
