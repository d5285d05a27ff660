package io.ascendgw.gateway.metrics.prom;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: its samples grouped under one name, as Prometheus requires them to be exposed.
 *
 * @param name    family name; for histograms and summaries the name without {@code _bucket}/{@code _sum}/{@code _count}
 * @param type    declared type, or inferred from sample suffixes when there was no {@code # TYPE} line
 * @param help    HELP text (unescaped, trailing blanks removed); empty when there was none
 * @param samples the family's samples in exposition order
 */
public record MetricFamily(String name, MetricType type, String help, List<Sample> samples) {

    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(samples, "samples");
    }

    /** A copy of this family with other samples (the list is taken as is). */
    public MetricFamily withSamples(List<Sample> replacement) {
        return new MetricFamily(name, type, help, replacement);
    }
}
