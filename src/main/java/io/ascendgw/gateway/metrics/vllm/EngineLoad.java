package io.ascendgw.gateway.metrics.vllm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one scrape of an engine's {@code /metrics} says about its load. An empty optional means the engine did not
 * report that signal (yet): vLLM 0.7.3 only exposes a family after its first observation. Never read empty as zero.
 *
 * @param scrapedAtNanos      {@link System#nanoTime()} of the scrape
 * @param running             requests in the running batch, summed over data-parallel engines
 * @param waiting             queued requests, summed over data-parallel engines
 * @param kvCacheUsage        KV-cache usage 0-1, the maximum over data-parallel engines
 * @param prefixCacheQueries  prefix-cache queries counter (V1; tokens, blocks on 0.8), summed over engines
 * @param prefixCacheHits     prefix-cache hits counter (V1), summed over engines
 * @param prefixCacheHitRate  hit-rate gauge 0-1 (0.7.3 only); empty when disabled ({@code -1}) or absent
 * @param prefixCaching       whether prefix caching is on
 * @param promptTokens        prompt (prefill) tokens counter
 * @param generationTokens    generated tokens counter
 * @param preemptions         preemptions counter
 * @param requestsFinished    finished requests counter, summed over finish reasons
 * @param blockSize           KV block size in tokens, from {@code vllm:cache_config_info}
 * @param numGpuBlocks        KV blocks per engine (the maximum over data-parallel engines)
 * @param dataParallelEngines number of distinct {@code engine} label values (1 when the label is absent)
 * @param modelNames          {@code model_name} label values seen on vLLM families
 * @param lora                the LoRA adapters running and waiting, from the latest {@code vllm:lora_requests_info}
 *                            series; empty when the family is absent (V1 without {@code --enable-lora})
 */
public record EngineLoad(
    long scrapedAtNanos,
    OptionalDouble running,
    OptionalDouble waiting,
    OptionalDouble kvCacheUsage,
    OptionalDouble prefixCacheQueries,
    OptionalDouble prefixCacheHits,
    OptionalDouble prefixCacheHitRate,
    PrefixCaching prefixCaching,
    OptionalDouble promptTokens,
    OptionalDouble generationTokens,
    OptionalDouble preemptions,
    OptionalDouble requestsFinished,
    OptionalLong blockSize,
    OptionalLong numGpuBlocks,
    int dataParallelEngines,
    Set<String> modelNames,
    Optional<LoraState> lora) {

    public EngineLoad {
        Objects.requireNonNull(prefixCaching, "prefixCaching");
        Objects.requireNonNull(lora, "lora");
        modelNames = Set.copyOf(modelNames);
    }

    /** A load with no signal at all, e.g. before the first successful scrape. */
    public static EngineLoad noData(long scrapedAtNanos) {
        OptionalDouble none = OptionalDouble.empty();
        return new EngineLoad(scrapedAtNanos, none, none, none, none, none, none, PrefixCaching.UNKNOWN, none, none,
            none, none, OptionalLong.empty(), OptionalLong.empty(), 0, Set.of(), Optional.empty());
    }

    /** KV-cache capacity of one engine in tokens: blocks × block size, when both are known. */
    public OptionalLong kvCapacityTokens() {
        if (blockSize.isEmpty() || numGpuBlocks.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(blockSize.getAsLong() * numGpuBlocks.getAsLong());
    }

    /** Whether the queue signals routing needs most (running and waiting) were both reported. */
    public boolean hasQueueData() {
        return running.isPresent() && waiting.isPresent();
    }
}
