package io.ascendgw.gateway.metrics.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

class VllmFamiliesTest {

    private final VllmFamilies families = new VllmFamilies();

    @Test
    void shouldSelectOnlyTheUnderstoodVllmFamiliesWhenGivenAV1Scrape() {
        // Given
        var metrics = new PrometheusTextParser().parse(TestFixtures.read("fixtures/vllm/metrics-v1.txt"));

        // When
        var selected = families.select(metrics);

        // Then: scrape order, no python_/process_/http_ families, no _created gauges, no token-size histograms
        assertThat(selected).extracting(MetricFamily::name).containsExactly(
            "vllm:num_requests_running",
            "vllm:num_requests_waiting",
            "vllm:kv_cache_usage_perc",
            "vllm:prefix_cache_queries_total",
            "vllm:prefix_cache_hits_total",
            "vllm:num_preemptions_total",
            "vllm:prompt_tokens_total",
            "vllm:generation_tokens_total",
            "vllm:request_success_total",
            "vllm:time_to_first_token_seconds",
            "vllm:time_per_output_token_seconds",
            "vllm:inter_token_latency_seconds",
            "vllm:request_time_per_output_token_seconds",
            "vllm:e2e_request_latency_seconds",
            "vllm:request_queue_time_seconds",
            "vllm:cache_config_info");
    }

    @Test
    void shouldSelectTheV0NamingWhenGivenA073Scrape() {
        // Given
        var metrics = new PrometheusTextParser().parse(TestFixtures.read("fixtures/vllm/metrics-v0.7.txt"));

        // When
        var names = families.select(metrics).stream().map(MetricFamily::name).toList();

        // Then
        assertThat(names).contains("vllm:gpu_cache_usage_perc", "vllm:gpu_prefix_cache_hit_rate",
            "vllm:time_per_output_token_seconds", "vllm:cache_config_info", "vllm:lora_requests_info");
        assertThat(names).doesNotContain("vllm:cpu_cache_usage_perc", "vllm:num_requests_swapped",
            "vllm:iteration_tokens_total");
        assertThat(families.isReExported("vllm:prompt_tokens")).isTrue();
    }

    @Test
    void shouldPassOnOnlyTheLatestLoraSeriesWhenVllmStillExposesOlderCombinations() {
        // Given vLLM's LoRA gauge with the combinations it reported before the current one
        var metrics = new PrometheusTextParser().parse("""
            # TYPE vllm:lora_requests_info gauge
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="a",waiting_lora_adapters=""} 1.7e9
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="a,b",waiting_lora_adapters="c"} 1.70000003e9
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="",waiting_lora_adapters=""} 1.70000001e9
            """);

        // When
        var selected = families.select(metrics);

        // Then only the latest goes on
        assertThat(selected).singleElement().satisfies(family -> assertThat(family.samples()).singleElement()
            .satisfies(sample -> assertThat(sample.labels().get("running_lora_adapters")).contains("a,b")));
    }
}
