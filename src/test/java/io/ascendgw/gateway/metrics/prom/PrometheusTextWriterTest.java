package io.ascendgw.gateway.metrics.prom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PrometheusTextWriterTest {

    private final PrometheusTextWriter writer = new PrometheusTextWriter();
    private final PrometheusTextParser parser = new PrometheusTextParser();

    @Test
    void shouldEscapeLabelValuesAndHelpWhenRendering() {
        // Given
        MetricFamily family = new MetricFamily("m", MetricType.GAUGE, "Line one\nback\\slash",
            List.of(new Sample("m", Labels.of("path", "C:\\x", "q", "a \"b\"", "nl", "1\n2"), 0.5)));

        // When
        String text = writer.write(List.of(new PrometheusTextWriter.Source(Labels.of("npu", "0,1"), List.of(family))));

        // Then
        assertThat(text).isEqualTo("""
            # HELP m Line one\\nback\\\\slash
            # TYPE m gauge
            m{path="C:\\\\x",q="a \\"b\\"",nl="1\\n2",npu="0,1"} 0.5
            """);
    }

    @Test
    void shouldWriteHelpAndTypeOnceWhenSeveralEnginesContributeTheSameFamily() {
        // Given two engines exposing the same gauge
        MetricFamily engineA = gauge("vllm:num_requests_running", Labels.of("engine", "0", "model_name", "m"), 3);
        MetricFamily engineB = gauge("vllm:num_requests_running", Labels.of("engine", "0", "model_name", "m"), 1);

        // When
        String text = writer.write(List.of(
            new PrometheusTextWriter.Source(Labels.of("engine", "m-0", "npu", "0"), List.of(engineA)),
            new PrometheusTextWriter.Source(Labels.of("engine", "m-1", "npu", "1"), List.of(engineB))));

        // Then vLLM's own engine label (its data-parallel index) yields to ours and both series sit in one block
        assertThat(text).isEqualTo("""
            # HELP vllm:num_requests_running Running requests.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{exported_engine="0",model_name="m",engine="m-0",npu="0"} 3.0
            vllm:num_requests_running{exported_engine="0",model_name="m",engine="m-1",npu="1"} 1.0
            """);
    }

    @Test
    void shouldRenameAConflictingLabelWhenAnExtraLabelHasTheSameName() {
        // Given a sample that already carries an `npu` label
        MetricFamily family = gauge("g", Labels.of("npu", "7"), 1);

        // When
        String text = writer.write(List.of(new PrometheusTextWriter.Source(Labels.of("npu", "0"), List.of(family))));

        // Then
        assertThat(text).contains("g{exported_npu=\"7\",npu=\"0\"} 1.0\n");
    }

    @Test
    void shouldWriteClassicCounterNamesWhenTheFamilyCameFromOpenMetrics() {
        // Given an OpenMetrics counter family with _total and _created samples
        ParsedMetrics parsed = parser.parse("""
            # TYPE jobs counter
            # HELP jobs Jobs done.
            jobs_total 4
            jobs_created 1.7e9
            # EOF
            """);

        // When
        String text = writer.write(List.of(new PrometheusTextWriter.Source(Labels.empty(), parsed.families())));

        // Then
        assertThat(text).isEqualTo("""
            # HELP jobs_total Jobs done.
            # TYPE jobs_total counter
            jobs_total 4.0
            """);
    }

    @Test
    void shouldLeaveOutASourceWhenItsFamilyTypeConflicts() {
        // Given
        MetricFamily asGauge = gauge("x", Labels.empty(), 1);
        MetricFamily asSummary = new MetricFamily("x", MetricType.SUMMARY, "", List.of(
            new Sample("x_count", Labels.empty(), 2)));

        // When
        String text = writer.write(List.of(
            new PrometheusTextWriter.Source(Labels.of("e", "a"), List.of(asGauge)),
            new PrometheusTextWriter.Source(Labels.of("e", "b"), List.of(asSummary))));

        // Then
        assertThat(text).doesNotContain("x_count").contains("x{e=\"a\"} 1.0");
    }

    @Test
    void shouldParseBackToTheSameSeriesWhenRenderedOutputIsScraped() throws IOException {
        // Given
        String original = read("fixtures/vllm/metrics-v1.txt");
        ParsedMetrics parsed = parser.parse(original);

        // When
        String rendered = writer.write(List.of(new PrometheusTextWriter.Source(Labels.empty(), parsed.families())));
        ParsedMetrics reparsed = parser.parse(rendered);

        // Then
        assertThat(reparsed.skippedLines()).isEmpty();
        assertThat(reparsed.families()).isEqualTo(parsed.families());
    }

    private static MetricFamily gauge(String name, Labels labels, double value) {
        return new MetricFamily(name, MetricType.GAUGE, "Running requests.", List.of(new Sample(name, labels, value)));
    }

    static String read(String resource) throws IOException {
        return io.ascendgw.gateway.metrics.TestFixtures.read(resource);
    }

    static void writeGolden(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}
