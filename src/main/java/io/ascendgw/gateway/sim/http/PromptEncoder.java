package io.ascendgw.gateway.sim.http;

import java.nio.charset.StandardCharsets;

import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.text.ApproxTokenizer;
import io.ascendgw.gateway.sim.text.BlockHasher;

/** Tokenises prompts with the approximate tokenizer and hashes their full KV blocks; stateless, any thread. */
final class PromptEncoder {

    private static final long[] NO_HASHES = new long[0];

    private final int blockSize;
    private final boolean prefixCaching;

    PromptEncoder(int blockSize, boolean prefixCaching) {
        this.blockSize = blockSize;
        this.prefixCaching = prefixCaching;
    }

    /** A text prompt (chat prompts after template rendering). */
    PromptSpec text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new PromptSpec(ApproxTokenizer.tokensForBytes(utf8.length),
                prefixCaching ? BlockHasher.ofBytes(utf8, blockSize) : NO_HASHES, BlockHasher.contentHash(utf8));
    }

    /** A completion prompt (or embedding input) as the request gave it: text, or token ids. */
    PromptSpec encode(GenerationCall.Prompt prompt) {
        return prompt.text() != null ? text(prompt.text()) : tokenIds(prompt.tokenIds());
    }

    /** A pre-tokenised prompt. */
    PromptSpec tokenIds(int[] ids) {
        return new PromptSpec(ids.length, prefixCaching ? BlockHasher.ofTokenIds(ids, blockSize) : NO_HASHES,
                BlockHasher.contentHash(ids));
    }
}
