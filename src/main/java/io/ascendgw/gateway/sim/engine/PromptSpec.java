package io.ascendgw.gateway.sim.engine;

/**
 * One tokenised prompt as the engine sees it.
 *
 * @param tokens       prompt length in (simulated) tokens
 * @param blockHashes  chained hashes of the prompt's full KV blocks (empty when prefix caching is off)
 * @param contentHash  hash of the whole prompt, seeds the generated text
 */
public record PromptSpec(int tokens, long[] blockHashes, long contentHash) {
}
