package io.ascendgw.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.prom.Sample;

/** One exposition, parsed with the gateway's own parser, with lookups by sample name and a subset of labels. */
public final class Scrape {

    private final String text;
    private final ParsedMetrics parsed;

    private Scrape(String text) {
        this.text = text;
        this.parsed = new PrometheusTextParser().parse(text);
    }

    public static Scrape of(String text) {
        return new Scrape(text);
    }

    public String text() {
        return text;
    }

    public ParsedMetrics parsed() {
        return parsed;
    }

    public List<MetricFamily> families() {
        return parsed.families();
    }

    /** Samples named {@code sampleName} carrying all of {@code labels} (name, value, name, value, ...). */
    public List<Sample> samples(String sampleName, String... labels) {
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : parsed.samples(sampleName)) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().getOrDefault(labels[i], ""))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                matching.add(sample);
            }
        }
        return matching;
    }

    /** Sum of the matching samples' values; 0 when none match. */
    public double sum(String sampleName, String... labels) {
        return samples(sampleName, labels).stream().mapToDouble(Sample::value).sum();
    }

    public boolean has(String sampleName, String... labels) {
        return !samples(sampleName, labels).isEmpty();
    }

    /** Every sample name present ({@code x_bucket}, {@code x_count}, ... for histograms). */
    public Set<String> sampleNames() {
        Set<String> names = new LinkedHashSet<>();
        for (MetricFamily family : parsed.families()) {
            family.samples().forEach(s -> names.add(s.name()));
        }
        return names;
    }
}
