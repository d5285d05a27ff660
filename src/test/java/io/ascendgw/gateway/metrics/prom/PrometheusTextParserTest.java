package io.ascendgw.gateway.metrics.prom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Text-format variations the vLLM fixtures do not cover (exposition format 0.0.4 and OpenMetrics 1.0 rules). */
class PrometheusTextParserTest {

    private final PrometheusTextParser parser = new PrometheusTextParser();

    @Test
    void shouldSumTheNamedSamplesSkippingNaNAndFilteringByLabelWhenAskedForASum() {
        // Given a histogram of two engines and a counter in OpenMetrics' spelling
        ParsedMetrics metrics = new PrometheusTextParser().parse("""
                # TYPE q histogram
                q_bucket{engine="0",le="0.3"} 4
                q_bucket{engine="0",le="+Inf"} 6
                q_bucket{engine="1",le="0.3"} 1
                q_bucket{engine="1",le="+Inf"} NaN
                q_count{engine="0"} 6
                q_count{engine="1"} 2
                # TYPE c counter
                c_total 7
                """);

        // Then sums add up all series, or those with a label value; NaN and absent names add nothing
        assertThat(metrics.sum("q_count", null, null)).isEqualTo(8);
        assertThat(metrics.sum("q_bucket", "le", "0.3")).isEqualTo(5);
        assertThat(metrics.sum("q_bucket", "le", "+Inf")).isEqualTo(6);
        assertThat(metrics.sum("c_total", null, null)).isEqualTo(7);
        assertThat(metrics.sum("absent", null, null)).isZero();
    }

    @Test
    void shouldUnescapeLabelValuesAndHelpWhenTheyContainEscapes() {
        // Given
        String text = """
            # HELP odd_metric A \\\\ backslash,\\na newline and trailing blanks  \t
            # TYPE odd_metric gauge
            odd_metric{path="C:\\\\temp",quote="say \\"hi\\"",multi="a\\nb"} 1
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        MetricFamily family = parsed.family("odd_metric").orElseThrow();
        assertThat(family.help()).isEqualTo("A \\ backslash,\na newline and trailing blanks");
        Labels labels = family.samples().get(0).labels();
        assertThat(labels.get("path")).contains("C:\\temp");
        assertThat(labels.get("quote")).contains("say \"hi\"");
        assertThat(labels.get("multi")).contains("a\nb");
        assertThat(parsed.skippedLines()).isEmpty();
    }

    @Test
    void shouldTreatLabelSetsAsEqualWhenOnlyTheirOrderDiffers() {
        // Given the same series written with labels in two orders, a colon name and an empty label set
        String text = """
            ns:sub:metric{b="2",a="1"} 1
            ns:sub:metric{a="1" , b="2",} 2
            ns:sub:metric{} 3
            """;

        // When
        MetricFamily family = parser.parse(text).family("ns:sub:metric").orElseThrow();

        // Then
        assertThat(family.samples()).hasSize(3);
        assertThat(family.samples().get(0).labels()).isEqualTo(family.samples().get(1).labels());
        assertThat(family.samples().get(0).labels().name(0)).isEqualTo("b");
        assertThat(family.samples().get(0).labels()).hasSameHashCodeAs(Labels.of("a", "1", "b", "2"));
        assertThat(family.samples().get(2).labels().isEmpty()).isTrue();
    }

    @Test
    void shouldParseSpecialAndExponentValuesWhenPrometheusAllowsThem() {
        // Given
        String text = """
            v{k="nan"} NaN
            v{k="pinf"} +Inf
            v{k="ninf"} -Inf
            v{k="inf"} Inf
            v{k="exp"} 1.7600015596263692e+09
            v{k="negexp"} -2.5E-3
            v{k="int"} 42
            v{k="long"} 0.0012197601138442774
            v{k="negzero"} -0.0
            """;

        // When
        Map<String, Double> values = new java.util.HashMap<>();
        parser.parse(text).family("v").orElseThrow().samples()
            .forEach(s -> values.put(s.labels().getOrDefault("k", "?"), s.value()));

        // Then
        assertThat(values.get("nan")).isNaN();
        assertThat(values.get("pinf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(values.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(values.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(values.get("exp")).isEqualTo(1.7600015596263692e9);
        assertThat(values.get("negexp")).isEqualTo(-2.5e-3);
        assertThat(values.get("int")).isEqualTo(42.0);
        assertThat(values.get("long")).isEqualTo(0.0012197601138442774);
        assertThat(values.get("negzero")).isEqualTo(-0.0);
    }

    @Test
    void shouldReadTimestampsAsMillisOrOpenMetricsSecondsWhenPresent() {
        // Given
        String text = """
            with_ms 1 1747216234567
            with_seconds 2 1747216234.5
            without 3
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.samples("with_ms").get(0).timestampMillis()).hasValue(1747216234567L);
        assertThat(parsed.samples("with_seconds").get(0).timestampMillis()).hasValue(1747216234500L);
        assertThat(parsed.samples("without").get(0).timestampMillis()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void shouldGroupOpenMetricsCounterSamplesAndIgnoreExemplarsWhenReadingOpenMetrics() {
        // Given an OpenMetrics body: counter family without _total, exemplar, _created, # EOF
        String text = """
            # TYPE requests counter
            # UNIT requests requests
            # HELP requests Requests served.
            requests_total{code="200"} 5 # {trace_id="abc"} 1.0 1747216234.1
            requests_created{code="200"} 1.7e9
            # TYPE latency histogram
            latency_bucket{le="0.5"} 1 # {trace_id="x"} 0.3
            latency_bucket{le="+Inf"} 2
            latency_count 2
            latency_sum 1.1
            latency_created 1.7e9
            # EOF
            after_eof 1
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        MetricFamily requests = parsed.family("requests").orElseThrow();
        assertThat(requests.type()).isEqualTo(MetricType.COUNTER);
        assertThat(requests.help()).isEqualTo("Requests served.");
        assertThat(requests.samples()).extracting(Sample::name).containsExactly("requests_total", "requests_created");
        assertThat(parsed.samples("requests_total")).singleElement().extracting(Sample::value).isEqualTo(5.0);
        assertThat(parsed.family("latency").orElseThrow().samples()).hasSize(5);
        assertThat(parsed.family("after_eof")).isEmpty();
        assertThat(parsed.skippedLines()).isEmpty();
    }

    @Test
    void shouldInferHistogramFamiliesWhenTypeLinesAreMissing() {
        // Given samples without any TYPE/HELP lines, histogram _sum first as vLLM 0.7.3 writes it
        String text = """
            lat_sum{m="a"} 3.5
            lat_bucket{le="1.0",m="a"} 1
            lat_bucket{le="+Inf",m="a"} 2
            lat_count{m="a"} 2
            lat_sum{m="b"} 1.0
            lat_count{m="b"} 1
            queue_depth 4
            jobs_count 7
            errors_total 2
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        MetricFamily latency = parsed.family("lat").orElseThrow();
        assertThat(latency.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(latency.help()).isEmpty();
        assertThat(latency.samples()).hasSize(6);
        assertThat(parsed.family("queue_depth").orElseThrow().type()).isEqualTo(MetricType.UNTYPED);
        assertThat(parsed.family("jobs_count")).hasValueSatisfying(f -> assertThat(f.samples()).hasSize(1));
        assertThat(parsed.family("jobs")).isEmpty();
        assertThat(parsed.family("errors_total")).isPresent();
        assertThat(parsed.families()).extracting(MetricFamily::name)
            .containsExactly("lat", "queue_depth", "jobs_count", "errors_total");
    }

    @Test
    void shouldParseCrlfAndBlankLinesWhenTheBodyUsesWindowsLineEnds() {
        // Given
        String text = "# HELP a Help a.\r\n# TYPE a gauge\r\n\r\na{x=\"1\"} 1\r\n  \r\na{x=\"2\"} 2 \r\n";

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        MetricFamily family = parsed.family("a").orElseThrow();
        assertThat(family.help()).isEqualTo("Help a.");
        assertThat(family.samples()).extracting(Sample::value).containsExactly(1.0, 2.0);
        assertThat(family.samples().get(1).labels().get("x")).contains("2");
        assertThat(parsed.skippedLines()).isEmpty();
    }

    @Test
    void shouldSkipAndReportGarbageLinesWhenTheRestIsValid() {
        // Given
        String text = """
            # TYPE good gauge
            good 1
            this is not a metric
            good{unterminated="x 2
            good{="x"} 3
            good{a="1",a="2"} 4
            good not-a-number
            good 5 not-a-timestamp
            9starts_with_digit 6
            good{a="1"}
            # TYPE good counter
            # TYPE other flubber
            good{b="2"} 7
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.family("good").orElseThrow().samples()).extracting(Sample::value).containsExactly(1.0, 7.0);
        assertThat(parsed.family("good").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        assertThat(parsed.skippedLines()).extracting(SkippedLine::lineNumber)
            .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(parsed.skippedLines().get(0).line()).isEqualTo("this is not a metric");
        assertThat(parsed.skippedLineCount()).isEqualTo(10);
    }

    @Test
    void shouldCountButNotKeepSkippedLinesWhenThereAreVeryMany() {
        // Given
        String text = "junk line\n".repeat(100) + "ok 1\n";

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.skippedLineCount()).isEqualTo(100);
        assertThat(parsed.skippedLines()).hasSize(PrometheusTextParser.MAX_KEPT_SKIPPED_LINES);
        assertThat(parsed.samples("ok")).hasSize(1);
    }

    @Test
    void shouldMergeAFamilyWhenItsSeriesAreSplitAcrossTheScrape() {
        // Given stale and live series of one family in two places (0.7.3 multiprocess files)
        String text = """
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="old"} 1
            # TYPE other gauge
            other 0
            vllm:num_requests_running{model_name="new"} 2
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.families()).extracting(MetricFamily::name)
            .containsExactly("vllm:num_requests_running", "other");
        assertThat(parsed.family("vllm:num_requests_running").orElseThrow().samples())
            .extracting(s -> s.labels().getOrDefault("model_name", "?")).containsExactly("old", "new");
    }

    @Test
    void shouldKeepDeclaredFamiliesWithoutSamplesWhenOnlyHelpAndTypeArePrinted() {
        // Given (0.7.3 with --disable-frontend-multiprocessing prints bare HELP/TYPE for families without children)
        String text = """
            # HELP vllm:num_requests_swapped Swapped requests.
            # TYPE vllm:num_requests_swapped gauge
            """;

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.family("vllm:num_requests_swapped")).hasValueSatisfying(f -> {
            assertThat(f.samples()).isEmpty();
            assertThat(f.type()).isEqualTo(MetricType.GAUGE);
        });
    }
}
