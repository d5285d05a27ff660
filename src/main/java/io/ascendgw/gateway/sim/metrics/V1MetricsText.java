package io.ascendgw.gateway.sim.metrics;

import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.format.PyFloat;

/**
 * vLLM V1 exposition (single API server, default registry): python/process families first, every vLLM family from
 * startup, {@code engine="0"} labels, a {@code _created} gauge family after each counter and histogram, then the
 * HTTP instrumentator counter.
 */
final class V1MetricsText {

    private final MetricsSetup setup;
    private final String[] base;

    V1MetricsText(MetricsSetup setup) {
        this.setup = setup;
        this.base = new String[] {"engine", "0", "model_name", setup.modelName()};
    }

    String render(SimMetrics m, HttpStats http) {
        PromWriter w = new PromWriter();
        pythonFamilies(w);
        ProcessStats.write(w);
        if (setup.vllmFamilies()) {
            vllmFamilies(w, m);
        }
        httpFamilies(w, http);
        return w.text();
    }

    private void vllmFamilies(PromWriter w, SimMetrics m) {
        String labels = PromWriter.labels(base);
        gauge(w, "vllm:num_requests_running", "Requests inside model execution batches.", labels, m.running());
        gauge(w, "vllm:num_requests_waiting", "Requests waiting to be scheduled.", labels, m.waiting());
        String prefix = setup.kvCacheUsageName() ? "vllm:" : "vllm:gpu_";
        gauge(w, setup.kvCacheUsageName() ? "vllm:kv_cache_usage_perc" : "vllm:gpu_cache_usage_perc",
                "KV-cache usage; 1 means 100 percent.", labels, m.kvUsage());
        counter(w, prefix + "prefix_cache_queries", "Prefix-cache queries, counted in tokens.", labels,
                m.prefixQueriedTokens.get(), m);
        counter(w, prefix + "prefix_cache_hits", "Prefix-cache hits, counted in tokens.", labels,
                m.prefixHitTokens.get(), m);
        counter(w, "vllm:num_preemptions", "Cumulative engine preemptions.", labels, m.preemptions.get(), m);
        counter(w, "vllm:prompt_tokens", "Prefill tokens processed.", labels, m.promptTokens.get(), m);
        counter(w, "vllm:generation_tokens", "Generation tokens processed.", labels, m.generationTokens.get(), m);
        requestSuccess(w, m);
        histogram(w, "vllm:request_prompt_tokens", "Prompt tokens per finished request.", m.requestPromptTokens, m);
        histogram(w, "vllm:request_generation_tokens", "Generated tokens per finished request.",
                m.requestGenerationTokens, m);
        histogram(w, "vllm:iteration_tokens_total", "Tokens per engine step.", m.iterationTokens, m);
        histogram(w, "vllm:request_max_num_generation_tokens", "Maximum requested generation tokens.",
                m.requestMaxGenerationTokens, m);
        histogram(w, "vllm:request_params_n", "The n request parameter.", m.requestParamsN, m);
        histogram(w, "vllm:request_params_max_tokens", "The max_tokens request parameter.",
                m.requestParamsMaxTokens, m);
        histogram(w, "vllm:time_to_first_token_seconds", "Time to first token in seconds.", m.timeToFirstToken, m);
        histogram(w, "vllm:time_per_output_token_seconds", "Time per output token in seconds."
                + (setup.interTokenLatency() ? " DEPRECATED: use vllm:inter_token_latency_seconds." : ""),
                m.interTokenLatency, m);
        if (setup.interTokenLatency()) {
            histogram(w, "vllm:inter_token_latency_seconds", "Inter-token latency in seconds.",
                    m.interTokenLatency, m);
            histogram(w, "vllm:request_time_per_output_token_seconds", "Per-request mean time per output token.",
                    m.requestTimePerOutputToken, m);
        }
        histogram(w, "vllm:e2e_request_latency_seconds", "End-to-end request latency in seconds.", m.e2eLatency, m);
        histogram(w, "vllm:request_queue_time_seconds", "Seconds spent in the WAITING phase.", m.queueTime, m);
        histogram(w, "vllm:request_inference_time_seconds", "Seconds spent in the RUNNING phase.",
                m.inferenceTime, m);
        histogram(w, "vllm:request_prefill_time_seconds", "Seconds spent in the PREFILL phase.", m.prefillTime, m);
        histogram(w, "vllm:request_decode_time_seconds", "Seconds spent in the DECODE phase.", m.decodeTime, m);
        if (setup.maxLoras() > 0) {
            // only with LoRA on, and without samples until the engine's first step
            w.header("vllm:lora_requests_info", "Running stats on lora requests.", "gauge");
            for (LoraSeries.Entry e : m.loraSeries.entries()) {
                w.sample("vllm:lora_requests_info", PromWriter.labels("max_lora", Integer.toString(setup.maxLoras()),
                        "waiting_lora_adapters", e.waiting(), "running_lora_adapters", e.running()), e.unixSeconds());
            }
        }
        cacheConfig(w);
    }

    private void requestSuccess(PromWriter w, SimMetrics m) {
        String name = "vllm:request_success";
        String help = "Finished requests by finish reason.";
        w.header(name + "_total", help, "counter");
        for (FinishReason r : FinishReason.values()) {
            w.sample(name + "_total", PromWriter.labels(PromWriter.plus(base, "finished_reason", r.wireName())),
                    m.finishedTotal(r));
        }
        w.header(name + "_created", help, "gauge");
        for (FinishReason r : FinishReason.values()) {
            w.sample(name + "_created", PromWriter.labels(PromWriter.plus(base, "finished_reason", r.wireName())),
                    m.createdSeconds());
        }
    }

    private void histogram(PromWriter w, String name, String help, Histogram h, SimMetrics m) {
        Histogram.Snapshot s = h.snapshot();
        double[] bounds = h.bounds();
        w.header(name, help, "histogram");
        for (int i = 0; i <= bounds.length; i++) {
            String le = i < bounds.length ? PyFloat.prometheus(bounds[i]) : "+Inf";
            w.sample(name + "_bucket", PromWriter.labels(PromWriter.plus(base, "le", le)), s.cumulative()[i]);
        }
        String labels = PromWriter.labels(base);
        w.sample(name + "_count", labels, s.count());
        w.sample(name + "_sum", labels, s.sum());
        gauge(w, name + "_created", help, labels, m.createdSeconds());
    }

    private void cacheConfig(PromWriter w) {
        String override = setup.numGpuBlocksOverride() == null ? "None" : setup.numGpuBlocksOverride().toString();
        String labels = PromWriter.labels("block_size", Integer.toString(setup.blockSize()), "cache_dtype", "auto",
                "calculate_kv_scales", "False", "cpu_kvcache_space_bytes", "None", "cpu_offload_gb", "0",
                "enable_prefix_caching", setup.prefixCaching() ? "True" : "False", "engine", "0",
                "gpu_memory_utilization", PyFloat.repr(setup.gpuMemoryUtilization()),
                "is_attention_free", "False", "kv_cache_memory_bytes", "None", "kv_sharing_fast_prefill", "False",
                "mamba_cache_dtype", "auto", "mamba_page_size_padded", "None", "mamba_ssm_cache_dtype", "auto",
                "num_cpu_blocks", "None", "num_gpu_blocks", Integer.toString(setup.numGpuBlocks()),
                "num_gpu_blocks_override", override, "prefix_caching_hash_algo", "sha256", "sliding_window", "None",
                "swap_space", "4");
        gauge(w, "vllm:cache_config_info", "Information of the engine CacheConfig.", labels, 1.0);
    }

    private static void gauge(PromWriter w, String name, String help, String labels, double value) {
        w.header(name, help, "gauge");
        w.sample(name, labels, value);
    }

    private static void counter(PromWriter w, String name, String help, String labels, double value, SimMetrics m) {
        w.header(name + "_total", help, "counter");
        w.sample(name + "_total", labels, value);
        gauge(w, name + "_created", help, labels, m.createdSeconds());
    }

    private static void pythonFamilies(PromWriter w) {
        String[][] gc = {
            {"python_gc_objects_collected_total", "Objects the garbage collector collected, by generation."},
            {"python_gc_objects_uncollectable_total", "Uncollectable objects the garbage collector found, by generation."},
            {"python_gc_collections_total", "How often each GC generation was collected."},
        };
        for (String[] family : gc) {
            w.header(family[0], family[1], "counter");
            for (int gen = 0; gen < 3; gen++) {
                w.sample(family[0], PromWriter.labels("generation", Integer.toString(gen)), 0);
            }
        }
        w.header("python_info", "Interpreter information.", "gauge");
        w.sample("python_info", PromWriter.labels("implementation", "CPython", "major", "3", "minor", "12",
                "patchlevel", "11", "version", "3.12.11"), 1);
    }

    private static void httpFamilies(PromWriter w, HttpStats http) {
        String help = "HTTP requests by handler, method and status class.";
        w.header("http_requests_total", help, "counter");
        for (HttpStats.Child c : http.children()) {
            w.sample("http_requests_total", PromWriter.labels("handler", c.handler(), "method", c.method(),
                    "status", c.status()), c.count().sum());
        }
        w.header("http_requests_created", help, "gauge");
        for (HttpStats.Child c : http.children()) {
            w.sample("http_requests_created", PromWriter.labels("handler", c.handler(), "method", c.method(),
                    "status", c.status()), c.created());
        }
    }
}
