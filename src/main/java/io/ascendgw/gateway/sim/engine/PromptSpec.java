package io.ascendgw.gateway.sim.engine;

import io.ascendgw.gateway.sim.text.BlockHasher;

/**
 * One tokenised prompt as the engine sees it.
 *
 * @param tokens       prompt length in (simulated) tokens
 * @param blockHashes  chained hashes of the prompt's full KV blocks (empty when prefix caching is off)
 * @param contentHash  hash of the whole prompt, seeds the generated text
 */
public record PromptSpec(int tokens, long[] blockHashes, long contentHash) {

    /**
     * The same prompt under a LoRA adapter: its blocks and answer seed are the adapter's own (vLLM puts the adapter's
     * name into every block hash), while equal prefixes under one adapter still hash equal.
     */
    public PromptSpec salted(long salt) {
        long[] hashes = new long[blockHashes.length];
        for (int b = 0; b < hashes.length; b++) {
            hashes[b] = BlockHasher.mix(blockHashes[b] ^ salt);
        }
        return new PromptSpec(tokens, hashes, BlockHasher.mix(contentHash ^ salt));
    }
}
