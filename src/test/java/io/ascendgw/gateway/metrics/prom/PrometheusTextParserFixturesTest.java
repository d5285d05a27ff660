package io.ascendgw.gateway.metrics.prom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;

/** The parser against the shared vLLM scrapes (fixtures/vllm, composed per vllm-api.md §7). */
class PrometheusTextParserFixturesTest {

    private final PrometheusTextParser parser = new PrometheusTextParser();

    @Test
    void shouldGroupEveryV1SampleUnderItsDeclaredFamilyWhenParsingTheV1Scrape() {
        // Given a vLLM 0.11 (V1) scrape: python/process families, _created gauges, summaries, histograms
        String text = TestFixtures.read("fixtures/vllm/metrics-v1.txt");

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then every sample line is kept, one family per TYPE line, nothing skipped
        assertThat(parsed.skippedLines()).isEmpty();
        assertThat(parsed.sampleCount()).isEqualTo(countSampleLines(text));
        assertThat(parsed.families()).hasSize(countLinesStartingWith(text, "# TYPE "));
        assertThat(parsed.families().get(0).name()).isEqualTo("python_gc_objects_collected_total");

        MetricFamily ttft = parsed.family("vllm:time_to_first_token_seconds").orElseThrow();
        assertThat(ttft.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(ttft.help()).isEqualTo("Time to first token in seconds.");
        assertThat(ttft.samples()).filteredOn(s -> s.name().endsWith("_bucket")).hasSize(23);
        assertThat(ttft.samples()).extracting(Sample::name).contains(
            "vllm:time_to_first_token_seconds_count", "vllm:time_to_first_token_seconds_sum");
        Sample lastBucket = ttft.samples().stream().filter(s -> s.name().endsWith("_bucket"))
            .reduce((a, b) -> b).orElseThrow();
        assertThat(lastBucket.labels().get("le")).contains("+Inf");
        assertThat(lastBucket.value()).isEqualTo(150.0);

        // _created is its own gauge family in the classic format
        MetricFamily created = parsed.family("vllm:time_to_first_token_seconds_created").orElseThrow();
        assertThat(created.type()).isEqualTo(MetricType.GAUGE);
        assertThat(created.samples().get(0).value()).isEqualTo(1.7600012e9);

        Sample kv = parsed.family("vllm:kv_cache_usage_perc").orElseThrow().samples().get(0);
        assertThat(kv.value()).isEqualTo(0.0424);
        assertThat(kv.labels().asMap()).containsExactly(
            java.util.Map.entry("engine", "0"), java.util.Map.entry("model_name", "qwen2.5-7b-instruct"));

        MetricFamily requestSize = parsed.family("http_request_size_bytes").orElseThrow();
        assertThat(requestSize.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(requestSize.samples()).hasSize(6);

        assertThat(parsed.family("process_max_fds").orElseThrow().samples().get(0).value()).isEqualTo(1048576.0);
    }

    @Test
    void shouldKeepHistogramSamplesTogetherWhenTheSumComesBeforeTheBucketsAsIn073() {
        // Given a vLLM 0.7.3 multiprocess-mode scrape (_sum first, labels sorted, no _created)
        String text = TestFixtures.read("fixtures/vllm/metrics-v0.7.txt");

        // When
        ParsedMetrics parsed = parser.parse(text);

        // Then
        assertThat(parsed.skippedLines()).isEmpty();
        assertThat(parsed.sampleCount()).isEqualTo(countSampleLines(text));
        assertThat(parsed.families()).hasSize(countLinesStartingWith(text, "# TYPE "));
        MetricFamily e2e = parsed.family("vllm:e2e_request_latency_seconds").orElseThrow();
        assertThat(e2e.samples().get(0).name()).isEqualTo("vllm:e2e_request_latency_seconds_sum");
        assertThat(e2e.samples().get(0).value()).isEqualTo(1345.8855919504422);
        assertThat(e2e.samples().get(e2e.samples().size() - 1).name())
            .isEqualTo("vllm:e2e_request_latency_seconds_count");

        assertThat(parsed.family("vllm:gpu_prefix_cache_hit_rate").orElseThrow().samples().get(0).value())
            .isEqualTo(-1.0);
        assertThat(parsed.family("vllm:gpu_cache_usage_perc").orElseThrow().samples().get(0).value())
            .isEqualTo(0.0012197601138442774);
        assertThat(parsed.family("vllm:lora_requests_info").orElseThrow().samples().get(0).value())
            .isEqualTo(1.747216234567e9);

        Labels cacheConfig = parsed.family("vllm:cache_config_info").orElseThrow().samples().get(0).labels();
        assertThat(cacheConfig.size()).isEqualTo(12);
        assertThat(cacheConfig.get("num_gpu_blocks")).contains("4919");
        assertThat(cacheConfig.get("sliding_window")).contains("None");
        assertThat(parsed.family("vllm:request_success_total").orElseThrow().samples())
            .extracting(s -> s.labels().getOrDefault("finished_reason", "?"))
            .containsExactly("stop", "length");
    }

    @Test
    void shouldNeverThrowWhenTheScrapeIsCutAnywhere() {
        // Given a scrape truncated at many points (a connection dropped mid-body)
        String text = TestFixtures.read("fixtures/vllm/metrics-v1.txt");

        for (int cut = 0; cut < text.length(); cut += 37) {
            // When
            ParsedMetrics parsed = parser.parse(text.substring(0, cut));

            // Then at most the last, partial line is lost
            assertThat(parsed.skippedLineCount()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldGiveTheSameResultWhenItsCachesAreWarmFromOtherScrapes() {
        // Given one parser that has seen other scrapes (names, label sets cached)
        String v1 = TestFixtures.read("fixtures/vllm/metrics-v1.txt");
        ParsedMetrics cold = new PrometheusTextParser().parse(v1);
        parser.parse(v1);
        parser.parse(TestFixtures.read("fixtures/vllm/metrics-v0.7.txt"));
        parser.parse(v1.replace("engine=\"0\"", "engine=\"1\""));

        // When
        ParsedMetrics warm = parser.parse(v1);

        // Then
        assertThat(warm.families()).isEqualTo(cold.families());
    }

    @Test
    void shouldReturnCorrectResultsWhenOneParserIsUsedFromSeveralThreads() throws Exception {
        // Given two different scrapes parsed concurrently through the same caches
        String v1 = TestFixtures.read("fixtures/vllm/metrics-v1.txt");
        String v07 = TestFixtures.read("fixtures/vllm/metrics-v0.7.txt");
        List<MetricFamily> expectedV1 = new PrometheusTextParser().parse(v1).families();
        List<MetricFamily> expectedV07 = new PrometheusTextParser().parse(v07).families();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // When
            var a = pool.submit(() -> java.util.stream.IntStream.range(0, 300)
                .allMatch(i -> parser.parse(v1).families().equals(expectedV1)));
            var b = pool.submit(() -> java.util.stream.IntStream.range(0, 300)
                .allMatch(i -> parser.parse(v07).families().equals(expectedV07)));

            // Then
            assertThat(a.get()).isTrue();
            assertThat(b.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static int countSampleLines(String text) {
        return (int) text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    private static int countLinesStartingWith(String text, String prefix) {
        List<String> lines = text.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        return lines.size();
    }
}
