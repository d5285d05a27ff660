package io.ascendgw.gateway.metrics.prom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders families from several sources (e.g. one per engine) as one text-format exposition
 * ({@code text/plain; version=0.0.4}), adding each source's extra labels to its samples.
 *
 * <p>Families with the same name from different sources are merged into one block with a single HELP and TYPE, as
 * Prometheus requires; the first source that has HELP text or a type supplies it. A source whose family has a
 * different (non-untyped) type than the merged block is left out, so the output stays valid.
 *
 * <p>Label rules: a sample keeps its own labels in their order and gets the extra labels after them. If a sample
 * already has a label with an extra label's name, its own label is renamed {@code exported_<name>} (Prometheus'
 * {@code honor_labels: false} convention) and the extra label wins. Callers must give each source distinct extra
 * labels, otherwise series collide.
 *
 * <p>OpenMetrics-only series are normalised to the classic format: a counter family is written as
 * {@code <name>_total}, and {@code <family>_created} samples inside a family are left out.
 *
 * <p>Stateless and thread-safe; pure CPU work, callable from an event loop.
 */
public final class PrometheusTextWriter {

    /** One contributor of families, with the labels to add to each of its samples. */
    public record Source(Labels extraLabels, List<MetricFamily> families) {
        public Source {
            Objects.requireNonNull(extraLabels, "extraLabels");
            families = List.copyOf(families);
        }
    }

    /** Renders the sources into a new string. */
    public String write(List<Source> sources) {
        int samples = 0;
        for (Source source : sources) {
            for (MetricFamily family : source.families()) {
                samples += family.samples().size();
            }
        }
        // ~130 characters per vLLM sample line with the extra labels; avoids repeated doubling
        StringBuilder out = new StringBuilder(1024 + samples * 136);
        write(sources, out);
        return out.toString();
    }

    /** Appends the rendering of {@code sources} to {@code out}. */
    public void write(List<Source> sources, StringBuilder out) {
        for (Block block : merge(sources).values()) {
            if (!block.help.isEmpty()) {
                out.append("# HELP ").append(block.name).append(' ');
                PromText.appendEscapedHelp(out, block.help);
                out.append('\n');
            }
            if (block.type != MetricType.UNTYPED) {
                out.append("# TYPE ").append(block.name).append(' ').append(block.type.token()).append('\n');
            }
            for (int i = 0; i < block.parts.size(); i++) {
                MetricFamily part = block.parts.get(i);
                String createdName = part.name() + "_created";
                for (Sample sample : part.samples()) {
                    if (!sample.name().equals(createdName) || block.name.equals(createdName)) {
                        writeSample(out, sample, block.extraLabels.get(i));
                    }
                }
            }
        }
    }

    private static Map<String, Block> merge(List<Source> sources) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (Source source : sources) {
            for (MetricFamily family : source.families()) {
                String name = headerName(family);
                Block block = blocks.computeIfAbsent(name, Block::new);
                if (block.type == MetricType.UNTYPED) {
                    block.type = family.type();
                } else if (family.type() != MetricType.UNTYPED && family.type() != block.type) {
                    continue;
                }
                if (block.help.isEmpty()) {
                    block.help = family.help();
                }
                block.parts.add(family);
                block.extraLabels.add(source.extraLabels());
            }
        }
        return blocks;
    }

    private static String headerName(MetricFamily family) {
        String name = family.name();
        return family.type() == MetricType.COUNTER && !name.endsWith("_total") ? name + "_total" : name;
    }

    private static void writeSample(StringBuilder out, Sample sample, Labels extra) {
        out.append(sample.name());
        Labels own = sample.labels();
        if (!own.isEmpty() || !extra.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (int i = 0; i < own.size(); i++) {
                String name = extra.contains(own.name(i)) ? "exported_" + own.name(i) : own.name(i);
                first = appendLabel(out, first, name, own.value(i));
            }
            for (int i = 0; i < extra.size(); i++) {
                first = appendLabel(out, first, extra.name(i), extra.value(i));
            }
            out.append('}');
        }
        out.append(' ');
        PromText.appendValue(out, sample.value());
        if (sample.timestampMillis().isPresent()) {
            out.append(' ').append(sample.timestampMillis().getAsLong());
        }
        out.append('\n');
    }

    private static boolean appendLabel(StringBuilder out, boolean first, String name, String value) {
        if (!first) {
            out.append(',');
        }
        out.append(name).append("=\"");
        PromText.appendEscapedLabelValue(out, value);
        out.append('"');
        return false;
    }

    private static final class Block {
        final String name;
        final List<MetricFamily> parts = new ArrayList<>();
        final List<Labels> extraLabels = new ArrayList<>();
        MetricType type = MetricType.UNTYPED;
        String help = "";

        Block(String name) {
            this.name = name;
        }
    }
}
