package io.ascendgw.gateway.routing.prefix;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.metrics.vllm.EngineLoad;
import io.ascendgw.gateway.routing.PrefixSettings;

/**
 * A pool's prefix-cache model: hashes prompts with the pool's block size and the model's learned bytes per token,
 * keeps the {@link PrefixIndex}, and learns from answered requests (bytes per token, generated blocks). Thread-safe.
 */
public final class PrefixAffinity {

    private final PrefixSettings settings;
    private final PrefixIndex index;
    private final BytesPerToken bytesPerToken;
    private final long staleAfterNanos;

    public PrefixAffinity(PrefixSettings settings, PrefixIndex index, BytesPerToken bytesPerToken,
            long staleAfterNanos) {
        this.settings = settings;
        this.index = index;
        this.bytesPerToken = bytesPerToken;
        this.staleAfterNanos = staleAfterNanos;
    }

    public PrefixSettings settings() {
        return settings;
    }

    public PrefixIndex index() {
        return index;
    }

    /** The prompt's block hashes for engines whose KV block size is {@code engineBlockTokens} (-1 when unknown). */
    public long[] hashes(PromptBlocks prompt, String model, int engineBlockTokens) {
        int blockTokens = settings.effectiveBlockTokens(engineBlockTokens);
        return prompt.hashes(model, blockTokens, bytesPerToken.blockBytes(model, blockTokens), settings.maxBlocks());
    }

    /** Index blocks an engine can hold: its KV capacity (or the default) over the block size, times the fraction. */
    public long capacityBlocks(long kvCapacityTokens, int engineBlockTokens) {
        long tokens = kvCapacityTokens > 0 ? kvCapacityTokens : settings.defaultCapacityTokens();
        return Math.max(1, (long) (tokens * settings.capacityFraction()) / settings.effectiveBlockTokens(
                engineBlockTokens));
    }

    /**
     * The engine answered a request: learn bytes per token from its prompt and charge the generated blocks, which
     * push older prefixes out of the engine's cache.
     */
    public void answered(Engine engine, String model, PromptBlocks prompt, long promptTokens, long completionTokens) {
        long bytes = prompt.textBytes();
        if (bytes > 0 && promptTokens > 0) {
            bytesPerToken.observe(model, bytes, promptTokens);
        }
        if (completionTokens > 0 && prompt.lastHashes() != null) {
            EngineLoad load = engine.telemetry().fresh(staleAfterNanos).map(s -> s.load()).orElse(null);
            long capacity = load == null ? -1 : load.kvCapacityTokens().orElse(-1);
            int blockTokens = load == null ? -1 : (int) load.blockSize().orElse(-1);
            int blocks = (int) (completionTokens / settings.effectiveBlockTokens(blockTokens));
            index.charge(engine, blocks, capacityBlocks(capacity, blockTokens));
        }
    }
}
