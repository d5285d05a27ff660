package io.ascendgw.gateway.metrics.vllm;

import java.util.List;

/**
 * Every vLLM metric and label name the gateway reads, in one place. Where vLLM renamed a signal, the list holds the
 * accepted names in preference order (newest first); the first one present in a scrape wins.
 *
 * <p>Names are exposed sample names of the classic text format (counters end in {@code _total}); see
 * {@code ParsedMetrics#samples(String)} for lookups that also work on OpenMetrics scrapes.
 */
public final class VllmMetricNames {

    public static final String NUM_REQUESTS_RUNNING = "vllm:num_requests_running";
    public static final String NUM_REQUESTS_WAITING = "vllm:num_requests_waiting";

    /** V1 0.9.2+ KV-cache usage gauge, 0-1. */
    public static final String KV_CACHE_USAGE_PERC = "vllm:kv_cache_usage_perc";
    /** 0.7.3 (V0) and V1 up to 0.10 name of the same gauge; removed in 0.12. */
    public static final String GPU_CACHE_USAGE_PERC = "vllm:gpu_cache_usage_perc";

    public static final String PREFIX_CACHE_QUERIES_TOTAL = "vllm:prefix_cache_queries_total";
    public static final String PREFIX_CACHE_HITS_TOTAL = "vllm:prefix_cache_hits_total";
    /** V1 up to 0.9.1 names of the prefix-cache counters. */
    public static final String GPU_PREFIX_CACHE_QUERIES_TOTAL = "vllm:gpu_prefix_cache_queries_total";
    public static final String GPU_PREFIX_CACHE_HITS_TOTAL = "vllm:gpu_prefix_cache_hits_total";
    /** 0.7.3 (V0) prefix-cache hit-rate gauge, 0-1; {@code -1} when prefix caching is disabled. */
    public static final String GPU_PREFIX_CACHE_HIT_RATE = "vllm:gpu_prefix_cache_hit_rate";

    public static final String PROMPT_TOKENS_TOTAL = "vllm:prompt_tokens_total";
    public static final String GENERATION_TOKENS_TOTAL = "vllm:generation_tokens_total";
    public static final String NUM_PREEMPTIONS_TOTAL = "vllm:num_preemptions_total";
    public static final String REQUEST_SUCCESS_TOTAL = "vllm:request_success_total";

    /** Histogram family names (without {@code _bucket}/{@code _sum}/{@code _count}). */
    public static final String TIME_TO_FIRST_TOKEN_SECONDS = "vllm:time_to_first_token_seconds";
    /** V1 0.11+ inter-token latency; identical observations to the deprecated TPOT histogram. */
    public static final String INTER_TOKEN_LATENCY_SECONDS = "vllm:inter_token_latency_seconds";
    /** 0.7.3 and V1 up to ~0.14; deprecated in 0.11 in favour of {@link #INTER_TOKEN_LATENCY_SECONDS}. */
    public static final String TIME_PER_OUTPUT_TOKEN_SECONDS = "vllm:time_per_output_token_seconds";
    /** V1 0.11+ per-request mean time per output token. */
    public static final String REQUEST_TIME_PER_OUTPUT_TOKEN_SECONDS = "vllm:request_time_per_output_token_seconds";
    public static final String E2E_REQUEST_LATENCY_SECONDS = "vllm:e2e_request_latency_seconds";
    public static final String REQUEST_QUEUE_TIME_SECONDS = "vllm:request_queue_time_seconds";

    /** Gauge = 1 whose labels carry the engine's cache configuration. */
    public static final String CACHE_CONFIG_INFO = "vllm:cache_config_info";

    /**
     * Gauge whose labels name the LoRA adapters running and waiting and {@code max_lora}; its value is the unix time
     * the label combination was last set, and old combinations stay exposed, so only the latest one is current.
     */
    public static final String LORA_REQUESTS_INFO = "vllm:lora_requests_info";

    /** Prefix shared by every vLLM family. */
    public static final String PREFIX = "vllm:";

    public static final String LABEL_MODEL_NAME = "model_name";
    /** Data-parallel engine index ({@code "0"}, {@code "1"}, ...), V1 0.8.3+. */
    public static final String LABEL_ENGINE = "engine";
    public static final String LABEL_FINISHED_REASON = "finished_reason";
    public static final String LABEL_BLOCK_SIZE = "block_size";
    public static final String LABEL_NUM_GPU_BLOCKS = "num_gpu_blocks";
    /** {@code "True"}/{@code "False"} (Python {@code str()}). */
    public static final String LABEL_ENABLE_PREFIX_CACHING = "enable_prefix_caching";

    /** {@code --max-loras} as a string; {@code "0"} on 0.7.3 without LoRA. */
    public static final String LABEL_MAX_LORA = "max_lora";
    /** Comma-joined adapter names; empty for none. */
    public static final String LABEL_RUNNING_LORA_ADAPTERS = "running_lora_adapters";
    public static final String LABEL_WAITING_LORA_ADAPTERS = "waiting_lora_adapters";

    /** Logical signal → accepted names, preferred first. */
    public static final List<String> KV_CACHE_USAGE = List.of(KV_CACHE_USAGE_PERC, GPU_CACHE_USAGE_PERC);
    public static final List<String> PREFIX_CACHE_QUERIES =
        List.of(PREFIX_CACHE_QUERIES_TOTAL, GPU_PREFIX_CACHE_QUERIES_TOTAL);
    public static final List<String> PREFIX_CACHE_HITS = List.of(PREFIX_CACHE_HITS_TOTAL, GPU_PREFIX_CACHE_HITS_TOTAL);
    public static final List<String> PREFIX_CACHE_HIT_RATE = List.of(GPU_PREFIX_CACHE_HIT_RATE);
    /** Inter-token latency / TPOT histogram. */
    public static final List<String> INTER_TOKEN_LATENCY =
        List.of(INTER_TOKEN_LATENCY_SECONDS, TIME_PER_OUTPUT_TOKEN_SECONDS);

    private VllmMetricNames() {
    }
}
