package io.ascendgw.gateway.metrics.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.prom.PrometheusTextWriter;
import io.ascendgw.gateway.metrics.prom.Sample;

/**
 * Golden file for the gateway's re-export of vLLM families: a V1 engine on NPU 0 and a 0.7.3 engine on NPUs 1,2
 * merged into one exposition. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class VllmReExportGoldenTest {

    private static final String GOLDEN = "fixtures/golden/vllm-reexport.prom";

    @Test
    void shouldMatchTheGoldenFileWhenTwoEnginesAreReExported() throws IOException {
        // Given
        PrometheusTextParser parser = new PrometheusTextParser();
        VllmFamilies families = new VllmFamilies();
        ParsedMetrics v1 = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v1.txt"));
        ParsedMetrics v073 = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v0.7.txt"));
        List<PrometheusTextWriter.Source> sources = List.of(
            new PrometheusTextWriter.Source(Labels.of("engine", "qwen-0", "npu", "0"), families.select(v1)),
            new PrometheusTextWriter.Source(Labels.of("engine", "legacy-0", "npu", "1,2"),
                families.select(v073)));

        // When
        String rendered = new PrometheusTextWriter().write(sources);

        // Then
        if (Boolean.getBoolean("golden.update")) {
            Path source = Path.of("src/test/resources", GOLDEN);
            Files.writeString(source, rendered, StandardCharsets.UTF_8);
        }
        assertThat(rendered).isEqualTo(TestFixtures.read(GOLDEN));

        // and the output is a valid exposition: one TYPE per family, every series labelled with its engine
        ParsedMetrics reparsed = parser.parse(rendered);
        assertThat(reparsed.skippedLines()).isEmpty();
        long typeLines = rendered.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertThat(typeLines).isEqualTo(reparsed.families().size())
            .isEqualTo(rendered.lines().filter(l -> l.startsWith("# TYPE ")).distinct().count());
        assertThat(reparsed.families()).flatExtracting(MetricFamily::samples)
            .allSatisfy(s -> assertThat(((Sample) s).labels().get("engine")).hasValueSatisfying(
                engine -> assertThat(engine).isIn("qwen-0", "legacy-0")));
        assertThat(reparsed.sampleCount()).isEqualTo(
            sources.stream().flatMap(s -> s.families().stream()).mapToInt(f -> f.samples().size()).sum());
    }
}
