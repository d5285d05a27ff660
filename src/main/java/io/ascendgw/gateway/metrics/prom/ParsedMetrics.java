package io.ascendgw.gateway.metrics.prom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of parsing one scrape: families in exposition order plus what had to be skipped.
 * Immutable; safe to share between threads.
 */
public final class ParsedMetrics {

    private static final String[] SAMPLE_SUFFIXES = {"_total", "_bucket", "_count", "_sum", "_created", "_info",
        "_gcount", "_gsum"};

    private final List<MetricFamily> families;
    private final Map<String, MetricFamily> byName;
    private final List<SkippedLine> skippedLines;
    private final int skippedLineCount;

    ParsedMetrics(List<MetricFamily> families, Map<String, MetricFamily> byName, List<SkippedLine> skippedLines,
                  int skippedLineCount) {
        this.families = Collections.unmodifiableList(families);
        this.byName = Collections.unmodifiableMap(byName);
        this.skippedLines = Collections.unmodifiableList(skippedLines);
        this.skippedLineCount = skippedLineCount;
    }

    /** All families in the order they first appeared. */
    public List<MetricFamily> families() {
        return families;
    }

    /** The family with exactly this name. */
    public Optional<MetricFamily> family(String familyName) {
        return Optional.ofNullable(byName.get(familyName));
    }

    /**
     * Samples with exactly this sample name, wherever the format put them: {@code vllm:prompt_tokens_total} is a
     * family of its own in the classic text format but a sample of family {@code vllm:prompt_tokens} in OpenMetrics.
     * Empty when absent.
     */
    public List<Sample> samples(String sampleName) {
        return samplesNamed(sampleName);
    }

    /**
     * The sum of the values of the samples with this name whose label {@code label} is {@code value} (every sample
     * when {@code label} is null); NaN values are skipped, 0 when there is none.
     */
    public double sum(String sampleName, String label, String value) {
        double total = 0;
        for (Sample sample : samplesNamed(sampleName)) {
            if (!Double.isNaN(sample.value()) && (label == null || value.equals(sample.labels().getOrDefault(label,
                    null)))) {
                total += sample.value();
            }
        }
        return total;
    }

    private List<Sample> samplesNamed(String sampleName) {
        MetricFamily exact = byName.get(sampleName);
        if (exact != null) {
            return onlyNamed(exact, sampleName);
        }
        for (String suffix : SAMPLE_SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                MetricFamily base = byName.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (base != null) {
                    return onlyNamed(base, sampleName);
                }
            }
        }
        return List.of();
    }

    private static List<Sample> onlyNamed(MetricFamily family, String sampleName) {
        List<Sample> all = family.samples();
        boolean allMatch = true;
        for (Sample sample : all) {
            if (!sample.name().equals(sampleName)) {
                allMatch = false;
                break;
            }
        }
        if (allMatch) {
            return all;
        }
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : all) {
            if (sample.name().equals(sampleName)) {
                matching.add(sample);
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /** The first skipped lines (at most {@value PrometheusTextParser#MAX_KEPT_SKIPPED_LINES}). */
    public List<SkippedLine> skippedLines() {
        return skippedLines;
    }

    /** How many lines were skipped in total, including those not kept in {@link #skippedLines()}. */
    public int skippedLineCount() {
        return skippedLineCount;
    }

    /** Total number of samples over all families. */
    public int sampleCount() {
        int count = 0;
        for (MetricFamily family : families) {
            count += family.samples().size();
        }
        return count;
    }
}
