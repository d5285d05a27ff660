package io.ascendgw.gateway.metrics.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

/** Load extraction per vllm-api.md §7.2/§7.3 (both namings, data-parallel engines, absent families). */
class VllmLoadExtractorTest {

    private final PrometheusTextParser parser = new PrometheusTextParser();
    private final VllmLoadExtractor extractor = new VllmLoadExtractor();

    @Test
    void shouldReadV1NamesWhenScrapingAV1Engine() {
        // Given the vLLM 0.11 scrape
        var metrics = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v1.txt"));

        // When
        EngineLoad load = extractor.extract(metrics, 42L);

        // Then
        assertThat(load.scrapedAtNanos()).isEqualTo(42L);
        assertThat(load.running()).hasValue(3.0);
        assertThat(load.waiting()).hasValue(1.0);
        assertThat(load.kvCacheUsage()).hasValue(0.0424);
        assertThat(load.prefixCacheQueries()).hasValue(35496.0);
        assertThat(load.prefixCacheHits()).hasValue(9098.0);
        assertThat(load.prefixCacheHitRate()).isEmpty();
        assertThat(load.prefixCaching()).isEqualTo(PrefixCaching.ENABLED);
        assertThat(load.promptTokens()).hasValue(35496.0);
        assertThat(load.generationTokens()).hasValue(65222.0);
        assertThat(load.preemptions()).hasValue(0.0);
        assertThat(load.requestsFinished()).hasValue(121.0 + 27.0 + 2.0);
        assertThat(load.blockSize()).hasValue(128);
        assertThat(load.numGpuBlocks()).hasValue(4376);
        assertThat(load.kvCapacityTokens()).hasValue(4376L * 128L);
        assertThat(load.dataParallelEngines()).isEqualTo(1);
        assertThat(load.modelNames()).containsExactly("qwen2.5-7b-instruct");
        assertThat(load.hasQueueData()).isTrue();
    }

    @Test
    void shouldFallBackToV0NamesWhenScrapingA073Engine() {
        // Given the vLLM 0.7.3 scrape: gpu_cache_usage_perc, hit rate -1 (prefix caching off), no engine label
        var metrics = parser.parse(TestFixtures.read("fixtures/vllm/metrics-v0.7.txt"));

        // When
        EngineLoad load = extractor.extract(metrics, 7L);

        // Then
        assertThat(load.running()).hasValue(2.0);
        assertThat(load.waiting()).hasValue(0.0);
        assertThat(load.kvCacheUsage()).hasValue(0.0012197601138442774);
        assertThat(load.prefixCacheQueries()).isEmpty();
        assertThat(load.prefixCacheHits()).isEmpty();
        assertThat(load.prefixCacheHitRate()).isEmpty();
        assertThat(load.prefixCaching()).isEqualTo(PrefixCaching.DISABLED);
        assertThat(load.promptTokens()).hasValue(21840.0);
        assertThat(load.generationTokens()).hasValue(39102.0);
        assertThat(load.requestsFinished()).hasValue(120.0);
        assertThat(load.kvCapacityTokens()).hasValue(4919L * 128L);
        assertThat(load.dataParallelEngines()).isEqualTo(1);
        assertThat(load.modelNames()).containsExactly("qwen2.5-7b-instruct");
    }

    @Test
    void shouldSumQueuesAndTakeTheFullestKvCacheWhenSeveralDataParallelEnginesReport() {
        // Given a V1 server with --data-parallel-size 2
        String text = """
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="m"} 3.0
            vllm:num_requests_running{engine="1",model_name="m"} 2.0
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="m"} 1.0
            vllm:num_requests_waiting{engine="1",model_name="m"} 4.0
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.2
            vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.7
            # TYPE vllm:prefix_cache_hits_total counter
            vllm:prefix_cache_hits_total{engine="0",model_name="m"} 10.0
            vllm:prefix_cache_hits_total{engine="1",model_name="m"} 5.0
            # TYPE vllm:cache_config_info gauge
            vllm:cache_config_info{block_size="128",engine="0",num_gpu_blocks="4000"} 1.0
            vllm:cache_config_info{block_size="128",engine="1",num_gpu_blocks="4100"} 1.0
            """;

        // When
        EngineLoad load = extractor.extract(parser.parse(text), 0L);

        // Then
        assertThat(load.running()).hasValue(5.0);
        assertThat(load.waiting()).hasValue(5.0);
        assertThat(load.kvCacheUsage()).hasValue(0.7);
        assertThat(load.prefixCacheHits()).hasValue(15.0);
        assertThat(load.prefixCacheQueries()).isEmpty();
        assertThat(load.numGpuBlocks()).hasValue(4100);
        assertThat(load.dataParallelEngines()).isEqualTo(2);
        assertThat(load.prefixCaching()).isEqualTo(PrefixCaching.UNKNOWN);
    }

    @Test
    void shouldReportNoDataInsteadOfZerosWhenVllmFamiliesAreMissing() {
        // Given a 0.7.3 engine before its first request: no vllm:* family at all
        String text = """
            # TYPE process_open_fds gauge
            process_open_fds 118.0
            """;

        // When
        EngineLoad load = extractor.extract(parser.parse(text), 5L);

        // Then
        assertThat(load).isEqualTo(EngineLoad.noData(5L));
        assertThat(load.running()).isEqualTo(OptionalDouble.empty());
        assertThat(load.kvCapacityTokens()).isEqualTo(OptionalLong.empty());
        assertThat(load.hasQueueData()).isFalse();
        assertThat(load.dataParallelEngines()).isZero();
    }

    @Test
    void shouldUseTheOlderV1NamesAndIgnoreNaNWhenTheEngineIsVllm091() {
        // Given 0.9.1 names (gpu_ prefix counters, gpu_cache_usage_perc) and a NaN gauge
        String text = """
            vllm:gpu_cache_usage_perc{engine="0",model_name="m"} NaN
            vllm:gpu_prefix_cache_queries_total{engine="0",model_name="m"} 100.0
            vllm:gpu_prefix_cache_hits_total{engine="0",model_name="m"} 40.0
            vllm:cache_config_info{block_size="16",enable_prefix_caching="True",engine="0",num_gpu_blocks="None"} 1.0
            """;

        // When
        EngineLoad load = extractor.extract(parser.parse(text), 0L);

        // Then
        assertThat(load.kvCacheUsage()).isEmpty();
        assertThat(load.prefixCacheQueries()).hasValue(100.0);
        assertThat(load.prefixCacheHits()).hasValue(40.0);
        assertThat(load.prefixCaching()).isEqualTo(PrefixCaching.ENABLED);
        assertThat(load.blockSize()).hasValue(16);
        assertThat(load.numGpuBlocks()).isEmpty();
        assertThat(load.kvCapacityTokens()).isEmpty();
    }

    @Test
    void shouldReadTheHitRateGaugeAndOpenMetricsCountersWhenA073EngineHasPrefixCachingOn() {
        // Given 0.7.3 answering in OpenMetrics (counter family without _total) with prefix caching on
        String text = """
            # TYPE vllm:gpu_prefix_cache_hit_rate gauge
            vllm:gpu_prefix_cache_hit_rate{model_name="m"} 0.35
            # TYPE vllm:prompt_tokens counter
            vllm:prompt_tokens_total{model_name="m"} 900.0
            # EOF
            """;

        // When
        EngineLoad load = extractor.extract(parser.parse(text), 0L);

        // Then
        assertThat(load.prefixCacheHitRate()).hasValue(0.35);
        assertThat(load.prefixCaching()).isEqualTo(PrefixCaching.ENABLED);
        assertThat(load.promptTokens()).hasValue(900.0);
    }
}
