package io.ascendgw.gateway.routing.prefix;

import io.ascendgw.gateway.api.InferenceRequest;

/**
 * One request's prompt as prefix blocks: rendered ({@link PromptRenderer}) and hashed ({@link PrefixHasher}) on
 * first use and kept for the request's later attempts. A text block is {@code blockTokens x bytes-per-token} UTF-8
 * bytes; a token-id block is exactly {@code blockTokens} ids. Confined to the request's event loop.
 */
public final class PromptBlocks {

    private static final ThreadLocal<PromptSink> SINK = ThreadLocal.withInitial(PromptSink::new);

    private final InferenceRequest request;
    private long[] hashes;
    private long hashedSeed;
    private int hashedBlockBytes = -1;
    private int hashedMaxBlocks;
    private long promptBytes = -1;
    private boolean tokenIds;
    private boolean images;
    private double matchRatio = Double.NaN;
    private int[] matched;

    public PromptBlocks(InferenceRequest request) {
        this.request = request;
    }

    /**
     * The chained hashes of the prompt's full blocks, at most {@code maxBlocks}.
     *
     * @param textBlockBytes bytes per block for a text prompt ({@code blockTokens x bytes per token})
     */
    public long[] hashes(String model, int blockTokens, int textBlockBytes, int maxBlocks) {
        if (hashes == null) {
            render(model, blockTokens, textBlockBytes, maxBlocks);
            return hashes;
        }
        int blockBytes = tokenIds ? blockTokens * 4 : textBlockBytes;
        if (blockBytes != hashedBlockBytes || maxBlocks != hashedMaxBlocks
                || PrefixHasher.seed(model, blockBytes) != hashedSeed) {
            render(model, blockTokens, textBlockBytes, maxBlocks);
        }
        return hashes;
    }

    private void render(String model, int blockTokens, int textBlockBytes, int maxBlocks) {
        PromptSink sink = SINK.get();
        long keep = (long) maxBlocks * Math.max(textBlockBytes, blockTokens * 4);
        sink.reset((int) Math.min(keep, 64L << 20));
        PromptRenderer.render(request, sink);
        tokenIds = sink.tokenIds();
        images = sink.images();
        promptBytes = sink.total();
        int blockBytes = tokenIds ? blockTokens * 4 : textBlockBytes;
        hashedSeed = PrefixHasher.seed(model, blockBytes);
        hashedBlockBytes = blockBytes;
        hashedMaxBlocks = maxBlocks;
        hashes = PrefixHasher.hash(sink.bytes(), sink.length(), blockBytes, hashedSeed, maxBlocks);
    }

    /**
     * UTF-8 bytes of the whole rendered prompt, or -1 before hashing, for a token-id prompt, or for a prompt with
     * images (their weight in tokens is the model processor's, not a function of bytes).
     */
    public long textBytes() {
        return tokenIds || images ? -1 : promptBytes;
    }

    /** Share of the hashed blocks the chosen engine was believed to hold, or NaN when not computed. */
    public double matchRatio() {
        return matchRatio;
    }

    public void matchRatio(double ratio) {
        this.matchRatio = ratio;
    }

    /** Matched blocks per candidate of the latest scoring, for the pick that follows it (or null). */
    public int[] matched() {
        return matched;
    }

    public void matched(int[] perCandidate) {
        this.matched = perCandidate;
    }

    /** The hashes computed last, or null (the request was not hashed). */
    public long[] lastHashes() {
        return hashes;
    }
}
