package io.ascendgw.gateway.routing;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * Prefix-affinity parameters (see {@code scorer/PrefixAffinityScorer.md}).
 *
 * @param blockTokens           tokens per hashed block, or 0 to follow the engines' KV block size
 * @param maxBlocks             longest prefix hashed, in blocks
 * @param initialBytesPerToken  bytes per token assumed before usage has been seen
 * @param defaultCapacityTokens KV capacity assumed for an engine that does not report it
 * @param capacityFraction      share of the KV capacity the index may fill
 * @param loadGateAbsolute      affinity counts while load <= min load + max(absolute, ratio x min load)
 * @param loadGateRatio         see {@code loadGateAbsolute}
 */
public record PrefixSettings(int blockTokens, int maxBlocks, double initialBytesPerToken, long defaultCapacityTokens,
        double capacityFraction, int loadGateAbsolute, double loadGateRatio) {

    /** Smallest hashed block: finer blocks (vLLM's GPU default is 16 tokens) only cost index memory. */
    public static final int MIN_BLOCK_TOKENS = 64;
    /** Block size assumed when neither configuration nor the engines tell it (vllm-ascend's default). */
    public static final int FALLBACK_BLOCK_TOKENS = 128;

    public PrefixSettings {
        if (blockTokens < 0 || maxBlocks < 1 || !(initialBytesPerToken >= 1) || defaultCapacityTokens < 1
                || !(capacityFraction > 0 && capacityFraction <= 1) || loadGateAbsolute < 0 || !(loadGateRatio >= 0)) {
            throw new GatewayConfigException("gateway.routing.prefix: block-tokens >= 0, max-blocks >= 1, "
                    + "initial-bytes-per-token >= 1, default-capacity-tokens >= 1, capacity-fraction in (0,1], "
                    + "load-gate-absolute >= 0 and load-gate-ratio >= 0 are required");
        }
    }

    /** The block size to hash with, given the engines' block size (0 when unknown). */
    public int effectiveBlockTokens(int engineBlockTokens) {
        int tokens = blockTokens > 0 ? blockTokens : engineBlockTokens > 0 ? engineBlockTokens : FALLBACK_BLOCK_TOKENS;
        if (tokens >= MIN_BLOCK_TOKENS) {
            return tokens;
        }
        // A whole number of engine blocks, so an index block never straddles two engine blocks.
        return ((MIN_BLOCK_TOKENS + tokens - 1) / tokens) * tokens;
    }

    /** The load limit for affinity given the least candidate load. */
    public double loadGate(double minLoad) {
        return minLoad + Math.max(loadGateAbsolute, loadGateRatio * minLoad);
    }

    public PrefixSettings withLoadGateRatio(double ratio) {
        return new PrefixSettings(blockTokens, maxBlocks, initialBytesPerToken, defaultCapacityTokens,
                capacityFraction, loadGateAbsolute, ratio);
    }
}
