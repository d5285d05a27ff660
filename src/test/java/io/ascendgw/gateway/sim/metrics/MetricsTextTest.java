package io.ascendgw.gateway.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.engine.FinishedSequence;

class MetricsTextTest {

    private static final String V1 = "engine=\"0\",model_name=\"qwen\"";
    private static final String V0 = "model_name=\"qwen\"";

    private static String fixture(String name) throws IOException {
        try (InputStream in = MetricsTextTest.class.getResourceAsStream("/fixtures/vllm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> vllmTypes(PromText p) {
        return p.types.entrySet().stream().filter(e -> e.getKey().startsWith("vllm:"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static MetricsSetup setup(boolean v1, boolean prefixCaching) {
        return new MetricsSetup("qwen", v1, v1, v1, 128, 100, null, prefixCaching, 0.9, true, 0);
    }

    private static void someTraffic(SimMetrics m) {
        m.onSchedulerState(3, 2, 50);
        m.onPrefixLookup(300, 128, 2, 1);
        m.onStep(40);
        m.onFirstToken(300, 0.07);
        m.onNextToken(0.02);
        m.onNextToken(0.03);
        m.onPreemption();
        m.onFinished(new FinishedSequence(FinishReason.STOP, 300, 3, 16, 1, 1.2, 0.01, 0.06, 1.1, 1.19));
    }

    @Test
    void shouldDeclareTheLoraFamilyOnV1OnlyWithLoraAndGiveItSamplesOnlyOnceReported() {
        // Given V1 engines without and with LoRA (--max-loras 2), nothing reported yet
        SimMetrics metrics = new SimMetrics(new Buckets(true), 8192, 100);
        MetricsSetup withLora = new MetricsSetup("qwen", true, true, true, 128, 100, null, true, 0.9, true, 2);
        String without = new MetricsText(setup(true, true), metrics, new HttpStats()).render();
        String declared = new MetricsText(withLora, metrics, new HttpStats()).render();

        // When the engine reports two adapter states
        metrics.onLoraState("a", "b");
        metrics.onLoraState("a,b", "");
        PromText reported = PromText.parse(new MetricsText(withLora, metrics, new HttpStats()).render());

        // Then only the LoRA engine declares the family, without samples until it reports, then one per state
        assertThat(without).doesNotContain("vllm:lora_requests_info");
        assertThat(declared).contains("# TYPE vllm:lora_requests_info gauge")
                .doesNotContain("vllm:lora_requests_info{");
        assertThat(reported.samples.keySet()).filteredOn(k -> k.startsWith("vllm:lora_requests_info{"))
                .containsExactlyInAnyOrder(lora("a", "b"), lora("a,b", ""));
    }

    private static String lora(String running, String waiting) {
        return "vllm:lora_requests_info{max_lora=\"2\",running_lora_adapters=\"" + running
                + "\",waiting_lora_adapters=\"" + waiting + "\"}";
    }

    @Test
    void shouldExposeEveryV1FamilyOfTheFixtureWithTheSameTypeWhenEmulatingV1() throws IOException {
        // Given
        SimMetrics metrics = new SimMetrics(new Buckets(true), 8192, 100);

        // When
        PromText ours = PromText.parse(new MetricsText(setup(true, true), metrics, new HttpStats()).render());

        // Then
        assertThat(vllmTypes(ours)).containsAllEntriesOf(vllmTypes(PromText.parse(fixture("metrics-v1.txt"))));
        assertThat(ours.value("vllm:request_success_total{" + "engine=\"0\",finished_reason=\"abort\","
                + "model_name=\"qwen\"}")).isZero();
        assertThat(ours.samples).containsKey("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"2560.0\","
                + "model_name=\"qwen\"}");
    }

    @Test
    void shouldMoveGaugesCountersAndHistogramsWhenTheEngineReportsActivity() {
        // Given
        SimMetrics metrics = new SimMetrics(new Buckets(true), 8192, 100);
        MetricsText text = new MetricsText(setup(true, true), metrics, new HttpStats());

        // When
        someTraffic(metrics);
        PromText p = PromText.parse(text.render());

        // Then
        assertThat(p.value("vllm:num_requests_running{" + V1 + "}")).isEqualTo(3);
        assertThat(p.value("vllm:num_requests_waiting{" + V1 + "}")).isEqualTo(2);
        assertThat(p.value("vllm:kv_cache_usage_perc{" + V1 + "}")).isEqualTo(0.5);
        assertThat(p.value("vllm:prefix_cache_queries_total{" + V1 + "}")).isEqualTo(300);
        assertThat(p.value("vllm:prefix_cache_hits_total{" + V1 + "}")).isEqualTo(128);
        assertThat(p.value("vllm:prompt_tokens_total{" + V1 + "}")).isEqualTo(300);
        assertThat(p.value("vllm:generation_tokens_total{" + V1 + "}")).isEqualTo(3);
        assertThat(p.value("vllm:num_preemptions_total{" + V1 + "}")).isEqualTo(1);
        assertThat(p.value("vllm:request_success_total{engine=\"0\",finished_reason=\"stop\",model_name=\"qwen\"}"))
                .isEqualTo(1);
        assertThat(p.value("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"0.06\",model_name=\"qwen\"}"))
                .isZero();
        assertThat(p.value("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"0.08\",model_name=\"qwen\"}"))
                .isEqualTo(1);
        assertThat(p.value("vllm:inter_token_latency_seconds_count{" + V1 + "}")).isEqualTo(2);
        assertThat(p.value("vllm:inter_token_latency_seconds_sum{" + V1 + "}")).isCloseTo(0.05,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.value("vllm:time_per_output_token_seconds_count{" + V1 + "}")).isEqualTo(2);
        assertThat(p.value("vllm:e2e_request_latency_seconds_bucket{engine=\"0\",le=\"+Inf\",model_name=\"qwen\"}"))
                .isEqualTo(p.value("vllm:e2e_request_latency_seconds_count{" + V1 + "}"));
        assertThat(p.value("vllm:iteration_tokens_total_bucket{engine=\"0\",le=\"64.0\",model_name=\"qwen\"}"))
                .isEqualTo(1);
        assertThat(p.samples).containsKey("vllm:prompt_tokens_created{" + V1 + "}");
    }

    @Test
    void shouldWriteV07StyleWhenEmulating073() throws IOException {
        // Given
        SimMetrics metrics = new SimMetrics(new Buckets(false), 8192, 100);
        MetricsText text = new MetricsText(setup(false, false), metrics, new HttpStats());
        PromText idle = PromText.parse(text.render());

        // When
        someTraffic(metrics);
        String rendered = text.render();
        PromText busy = PromText.parse(rendered);

        // Then histograms and finish reasons only appear once observed; no engine label, no _created
        assertThat(idle.types).doesNotContainKey("vllm:time_to_first_token_seconds");
        assertThat(idle.types).doesNotContainKey("vllm:request_success_total");
        assertThat(vllmTypes(busy)).containsAllEntriesOf(vllmTypes(PromText.parse(fixture("metrics-v0.7.txt"))));
        assertThat(busy.value("vllm:gpu_cache_usage_perc{" + V0 + "}")).isEqualTo(0.5);
        assertThat(busy.value("vllm:gpu_prefix_cache_hit_rate{" + V0 + "}")).isEqualTo(-1);
        assertThat(busy.value("vllm:num_requests_running{" + V0 + "}")).isEqualTo(3);
        assertThat(rendered).doesNotContain("engine=").doesNotContain("_created").doesNotContain("python_");
        List<String> ttft = rendered.lines().filter(l -> l.startsWith("vllm:time_to_first_token_seconds")).toList();
        assertThat(ttft.get(0)).startsWith("vllm:time_to_first_token_seconds_sum{");
        assertThat(ttft.get(ttft.size() - 1)).startsWith("vllm:time_to_first_token_seconds_count{");
        assertThat(ttft).hasSize(16 + 1 + 2);
    }

    @Test
    void shouldReportTheBlockHitRateWhenPrefixCachingIsOnIn073() {
        // Given
        SimMetrics metrics = new SimMetrics(new Buckets(false), 8192, 100);
        MetricsText text = new MetricsText(setup(false, true), metrics, new HttpStats());

        // When
        metrics.onPrefixLookup(512, 256, 4, 1);
        metrics.onPrefixLookup(512, 512, 4, 3);

        // Then
        assertThat(PromText.parse(text.render()).value("vllm:gpu_prefix_cache_hit_rate{" + V0 + "}"))
                .isEqualTo(0.5);
    }

    @Test
    void shouldCountHttpRequestsByHandlerAndStatusClassWhenRecorded() {
        // Given
        HttpStats http = new HttpStats();
        MetricsText text = new MetricsText(setup(true, true), new SimMetrics(new Buckets(true), 8192, 100), http);

        // When
        http.record("/v1/chat/completions", "POST", 200);
        http.record("/v1/chat/completions", "POST", 200);
        http.record("/v1/chat/completions", "POST", 404);
        http.record("/health", "GET", 200);

        // Then
        PromText p = PromText.parse(text.render());
        assertThat(p.value("http_requests_total{handler=\"/v1/chat/completions\",method=\"POST\",status=\"2xx\"}"))
                .isEqualTo(2);
        assertThat(p.value("http_requests_total{handler=\"/v1/chat/completions\",method=\"POST\",status=\"4xx\"}"))
                .isEqualTo(1);
        assertThat(p.samples.keySet()).noneMatch(k -> k.contains("/health"));
    }

    @Test
    void shouldOmitVllmFamiliesWhenStatsAreDisabled() {
        // Given
        MetricsSetup off = new MetricsSetup("qwen", true, true, true, 128, 100, null, true, 0.9, false, 0);

        // When
        String rendered = new MetricsText(off, new SimMetrics(new Buckets(true), 8192, 100), new HttpStats())
                .render();

        // Then
        assertThat(rendered).doesNotContain("vllm:").contains("process_resident_memory_bytes");
    }
}
