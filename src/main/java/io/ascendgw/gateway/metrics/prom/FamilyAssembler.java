package io.ascendgw.gateway.metrics.prom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Groups samples into families for one parse. Declared families ({@code # TYPE}/{@code # HELP}) win; otherwise the
 * family is inferred from the sample-name suffix, so {@code x_bucket}, {@code x_sum}, {@code x_count} land in
 * {@code x} even without a TYPE line, and OpenMetrics {@code x_total}/{@code x_created} land in counter {@code x}.
 * Not thread-safe: one instance per parse.
 */
final class FamilyAssembler {

    private static final String[] SUFFIXES = {"_bucket", "_count", "_sum", "_total", "_created", "_info", "_gcount",
        "_gsum"};

    private final Map<String, Builder> families = new LinkedHashMap<>();
    /** Sample name to family, so each distinct name is resolved once per parse. */
    private final Map<String, Builder> resolved = new HashMap<>();
    private String lastSampleName;
    private Builder lastFamily;

    /** Records a HELP line; false if the family already had one (the first is kept). */
    boolean declareHelp(String name, String help) {
        Builder family = declared(name);
        if (family.help != null) {
            return false;
        }
        family.help = help;
        return true;
    }

    /** Records a TYPE line; false if the family already had a different type (the first is kept). */
    boolean declareType(String name, MetricType type) {
        Builder family = declared(name);
        if (family.typeDeclared) {
            return family.type == type;
        }
        family.type = type;
        family.typeDeclared = true;
        return true;
    }

    void add(String sampleName, Labels labels, double value, OptionalLong timestampMillis) {
        Builder family;
        if (sampleName == lastSampleName) {
            family = lastFamily;
        } else {
            family = resolved.get(sampleName);
            if (family == null) {
                family = resolve(sampleName);
                resolved.put(sampleName, family);
            }
            lastSampleName = sampleName;
            lastFamily = family;
        }
        family.add(new Sample(sampleName, labels, value, timestampMillis));
    }

    ParsedMetrics finish(List<SkippedLine> skipped, int skippedCount) {
        List<MetricFamily> list = new ArrayList<>(families.size());
        Map<String, MetricFamily> byName = new HashMap<>(families.size() * 2);
        for (Builder builder : families.values()) {
            MetricFamily family = builder.build(families);
            list.add(family);
            byName.putIfAbsent(family.name(), family);
        }
        return new ParsedMetrics(list, byName, skipped, skippedCount);
    }

    private Builder declared(String name) {
        Builder family = families.computeIfAbsent(name, Builder::new);
        family.inferred = false;
        // A sample of this exact name may have been routed elsewhere before the declaration; re-resolve it.
        resolved.remove(name);
        lastSampleName = null;
        return family;
    }

    private Builder resolve(String sampleName) {
        Builder exact = families.get(sampleName);
        if (exact != null && (exact.typeDeclared || exact.help != null)) {
            return exact;
        }
        String inferableSuffix = null;
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix) && sampleName.length() > suffix.length()) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                Builder family = families.get(base);
                if (family != null && family.accepts(suffix)) {
                    return family;
                }
                if (suffix.equals("_created")) {
                    Builder counter = families.get(base + "_total");
                    if (counter != null && counter.type == MetricType.COUNTER) {
                        return counter;
                    }
                }
                if (isInferable(suffix)) {
                    inferableSuffix = suffix;
                }
                break;
            }
        }
        if (exact != null) {
            return exact;
        }
        if (inferableSuffix != null) {
            String base = sampleName.substring(0, sampleName.length() - inferableSuffix.length());
            return families.computeIfAbsent(base, name -> {
                Builder guess = new Builder(name);
                guess.inferred = true;
                return guess;
            });
        }
        return families.computeIfAbsent(sampleName, Builder::new);
    }

    private static boolean isInferable(String suffix) {
        return suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
    }

    private static final class Builder {
        final String name;
        final List<Sample> samples = new ArrayList<>();
        MetricType type = MetricType.UNTYPED;
        boolean typeDeclared;
        String help;
        /** Created only because of a suffixed sample name; may be renamed back if the guess was not needed. */
        boolean inferred;
        boolean mixedNames;

        Builder(String name) {
            this.name = name;
        }

        boolean accepts(String suffix) {
            return typeDeclared ? type.acceptsSuffix(suffix) : isInferable(suffix);
        }

        void add(Sample sample) {
            if (!samples.isEmpty() && !samples.get(0).name().equals(sample.name())) {
                mixedNames = true;
            }
            if (!typeDeclared && type == MetricType.UNTYPED) {
                if (sample.name().endsWith("_bucket") && sample.labels().contains("le")) {
                    type = MetricType.HISTOGRAM;
                } else if (sample.name().equals(name) && sample.labels().contains("quantile")) {
                    type = MetricType.SUMMARY;
                }
            }
            samples.add(sample);
        }

        MetricFamily build(Map<String, Builder> all) {
            String finalName = name;
            if (inferred && !mixedNames && type == MetricType.UNTYPED && !samples.isEmpty()) {
                String sampleName = samples.get(0).name();
                if (!all.containsKey(sampleName)) {
                    // A lone `x_count` without any declaration is just a metric named x_count.
                    finalName = sampleName;
                }
            }
            return new MetricFamily(finalName, type, help == null ? "" : help, Collections.unmodifiableList(samples));
        }
    }
}
