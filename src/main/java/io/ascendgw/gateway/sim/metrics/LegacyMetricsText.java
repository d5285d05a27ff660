package io.ascendgw.gateway.sim.metrics;

import java.util.List;

import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.format.PyFloat;

/**
 * vLLM 0.7.3 exposition (prometheus_client multiprocess mode): {@code model_name} label only, no {@code _created},
 * histograms written {@code _sum}, buckets, {@code _count} and only after their first observation, finish reasons
 * only once seen, no python/process/HTTP families.
 */
final class LegacyMetricsText {

    private final MetricsSetup setup;
    private final String[] base;

    LegacyMetricsText(MetricsSetup setup) {
        this.setup = setup;
        this.base = new String[] {"model_name", setup.modelName()};
    }

    String render(SimMetrics m) {
        PromWriter w = new PromWriter();
        if (!setup.vllmFamilies()) {
            return w.text();
        }
        histogram(w, "vllm:time_to_first_token_seconds", "Time to first token in seconds.", m.timeToFirstToken);
        histogram(w, "vllm:time_per_output_token_seconds", "Time per output token in seconds.", m.interTokenLatency);
        histogram(w, "vllm:e2e_request_latency_seconds", "End-to-end request latency in seconds.", m.e2eLatency);
        histogram(w, "vllm:request_queue_time_seconds", "Seconds spent in the WAITING phase.", m.queueTime);
        histogram(w, "vllm:request_inference_time_seconds", "Seconds spent in the RUNNING phase.", m.inferenceTime);
        histogram(w, "vllm:request_prefill_time_seconds", "Seconds spent in the PREFILL phase.", m.prefillTime);
        histogram(w, "vllm:request_decode_time_seconds", "Seconds spent in the DECODE phase.", m.decodeTime);
        histogram(w, "vllm:time_in_queue_requests", "Seconds the request spent queued.", m.queueTime);
        histogram(w, "vllm:request_prompt_tokens", "Prompt tokens per finished request.", m.requestPromptTokens);
        histogram(w, "vllm:request_generation_tokens", "Generated tokens per finished request.",
                m.requestGenerationTokens);
        histogram(w, "vllm:request_max_num_generation_tokens",
                "Maximum generated tokens across the sequences of a request.", m.requestMaxGenerationTokens);
        histogram(w, "vllm:request_params_n", "The n request parameter.", m.requestParamsN);
        histogram(w, "vllm:request_params_max_tokens", "The max_tokens request parameter.", m.requestParamsMaxTokens);
        histogram(w, "vllm:iteration_tokens_total", "Tokens per engine step.", m.iterationTokens);
        String labels = PromWriter.labels(base);
        gauge(w, "vllm:num_requests_running", "Requests currently executing on the accelerator.", labels, m.running());
        gauge(w, "vllm:num_requests_waiting", "Requests queued and waiting to be scheduled.", labels, m.waiting());
        gauge(w, "vllm:num_requests_swapped", "Requests swapped out to CPU memory.", labels, 0);
        gauge(w, "vllm:gpu_cache_usage_perc", "Device KV-cache usage; 1 means 100 percent.", labels, m.kvUsage());
        gauge(w, "vllm:cpu_cache_usage_perc", "CPU KV-cache usage; 1 means 100 percent.", labels, 0);
        gauge(w, "vllm:cpu_prefix_cache_hit_rate", "CPU prefix-cache block hit rate.", labels,
                setup.prefixCaching() ? 0 : -1);
        gauge(w, "vllm:gpu_prefix_cache_hit_rate", "Device prefix-cache block hit rate.", labels,
                setup.prefixCaching() ? m.prefixBlockHitRate() : -1);
        requestSuccess(w, m);
        counter(w, "vllm:prompt_tokens_total", "Prefill tokens processed.", labels, m.promptTokens.get());
        counter(w, "vllm:generation_tokens_total", "Generation tokens processed.", labels, m.generationTokens.get());
        counter(w, "vllm:num_preemptions_total", "Cumulative number of engine preemptions.", labels,
                m.preemptions.get());
        cacheConfig(w);
        w.header("vllm:lora_requests_info", "Running stats on LoRA requests.", "gauge");
        String maxLora = Integer.toString(setup.maxLoras());
        List<LoraSeries.Entry> series = m.loraSeries.entries();
        if (series.isEmpty()) {
            w.sample("vllm:lora_requests_info", PromWriter.labels("max_lora", maxLora, "running_lora_adapters", "",
                    "waiting_lora_adapters", ""), System.currentTimeMillis() / 1000.0);
        }
        for (LoraSeries.Entry e : series) {
            w.sample("vllm:lora_requests_info", PromWriter.labels("max_lora", maxLora, "running_lora_adapters",
                    e.running(), "waiting_lora_adapters", e.waiting()), e.unixSeconds());
        }
        return w.text();
    }

    private void requestSuccess(PromWriter w, SimMetrics m) {
        boolean any = false;
        for (FinishReason r : FinishReason.values()) {
            long v = m.finishedTotal(r);
            if (v == 0) {
                continue;
            }
            if (!any) {
                w.header("vllm:request_success_total", "Finished requests.", "counter");
                any = true;
            }
            w.sample("vllm:request_success_total",
                    PromWriter.labels(PromWriter.plus(base, "finished_reason", r.wireName())), v);
        }
    }

    private void histogram(PromWriter w, String name, String help, Histogram h) {
        Histogram.Snapshot s = h.snapshot();
        if (s.count() == 0) {
            return;
        }
        double[] bounds = h.bounds();
        String labels = PromWriter.labels(base);
        w.header(name, help, "histogram");
        w.sample(name + "_sum", labels, s.sum());
        for (int i = 0; i <= bounds.length; i++) {
            String le = i < bounds.length ? PyFloat.prometheus(bounds[i]) : "+Inf";
            w.sample(name + "_bucket", PromWriter.labels(PromWriter.plus(base, "le", le)), s.cumulative()[i]);
        }
        w.sample(name + "_count", labels, s.count());
    }

    private void cacheConfig(PromWriter w) {
        String override = setup.numGpuBlocksOverride() == null ? "None" : setup.numGpuBlocksOverride().toString();
        String labels = PromWriter.labels("block_size", Integer.toString(setup.blockSize()), "cache_dtype", "auto",
                "calculate_kv_scales", "False", "cpu_offload_gb", "0",
                "enable_prefix_caching", setup.prefixCaching() ? "True" : "False",
                "gpu_memory_utilization", PyFloat.repr(setup.gpuMemoryUtilization()), "is_attention_free", "False",
                "num_cpu_blocks", "585", "num_gpu_blocks", Integer.toString(setup.numGpuBlocks()),
                "num_gpu_blocks_override", override, "sliding_window", "None", "swap_space_bytes", "4294967296");
        gauge(w, "vllm:cache_config_info", "Information of the engine CacheConfig.", labels, 1.0);
    }

    private static void gauge(PromWriter w, String name, String help, String labels, double value) {
        w.header(name, help, "gauge");
        w.sample(name, labels, value);
    }

    private static void counter(PromWriter w, String name, String help, String labels, double value) {
        w.header(name, help, "counter");
        w.sample(name, labels, value);
    }
}
