package io.ascendgw.gateway.sim.metrics;

/**
 * What the metrics text depends on besides the live numbers.
 *
 * @param modelName            first served model name ({@code model_name} label)
 * @param v1                   V1 exposition (default registry, {@code engine} label, {@code _created}); else 0.7.3
 * @param kvCacheUsageName     V1 0.9.2+ names ({@code kv_cache_usage_perc}, {@code prefix_cache_*}); else {@code gpu_*}
 * @param interTokenLatency    0.11+ families {@code inter_token_latency_seconds} and per-request TPOT
 * @param blockSize            KV block size label
 * @param numGpuBlocks         KV blocks label
 * @param numGpuBlocksOverride override flag value, null when unset
 * @param prefixCaching        prefix caching on
 * @param gpuMemoryUtilization flag value, shown in {@code cache_config_info}
 * @param vllmFamilies         false with {@code --disable-log-stats}: no {@code vllm:*} families at all
 * @param maxLoras             {@code --max-loras} with {@code --enable-lora}, 0 without LoRA
 */
public record MetricsSetup(String modelName, boolean v1, boolean kvCacheUsageName, boolean interTokenLatency,
        int blockSize, int numGpuBlocks, Integer numGpuBlocksOverride, boolean prefixCaching,
        double gpuMemoryUtilization, boolean vllmFamilies, int maxLoras) {
}
