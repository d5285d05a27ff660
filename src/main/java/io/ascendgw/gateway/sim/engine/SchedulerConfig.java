package io.ascendgw.gateway.sim.engine;

/**
 * Capacity of the simulated engine.
 *
 * @param numBlocks        KV-cache blocks
 * @param blockSize        tokens per block
 * @param maxNumSeqs       running-set limit
 * @param maxBatchedTokens token budget of one step (chunked prefill beyond it)
 * @param prefixCaching    automatic prefix caching on
 * @param maxLoras         distinct LoRA adapters the running set may hold; 0 when LoRA is off
 */
public record SchedulerConfig(int numBlocks, int blockSize, int maxNumSeqs, int maxBatchedTokens,
        boolean prefixCaching, int maxLoras) {

    /** Without LoRA. */
    public SchedulerConfig(int numBlocks, int blockSize, int maxNumSeqs, int maxBatchedTokens, boolean prefixCaching) {
        this(numBlocks, blockSize, maxNumSeqs, maxBatchedTokens, prefixCaching, 0);
    }

    public SchedulerConfig {
        if (numBlocks < 1 || blockSize < 1 || maxNumSeqs < 1 || maxBatchedTokens < 1) {
            throw new IllegalArgumentException("scheduler capacities must be positive: " + numBlocks + " blocks, "
                    + blockSize + " tokens/block, " + maxNumSeqs + " seqs, " + maxBatchedTokens + " batched tokens");
        }
    }

    /** Blocks needed to hold {@code tokens} tokens. */
    int blocksFor(int tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }
}
