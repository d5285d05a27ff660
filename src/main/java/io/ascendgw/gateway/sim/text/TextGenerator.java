package io.ascendgw.gateway.sim.text;

/**
 * Deterministic "model": word-like pieces from a fixed vocabulary, one piece per token. The text and the natural
 * length (where the model would emit EOS) are pure functions of a key derived from the prompt content, the seed and
 * the sample index, so a request gives the same output streamed or not, and on every engine.
 */
public final class TextGenerator {

    private final int minLength;
    private final int maxLength;

    /**
     * @param minLength shortest natural output in tokens (EOS included)
     * @param maxLength longest natural output in tokens (EOS included)
     */
    public TextGenerator(int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + minLength + ".." + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Key of one output sequence. */
    public static long key(long contentHash, long seed, int sampleIndex) {
        return BlockHasher.mix(BlockHasher.mix(contentHash ^ BlockHasher.mix(seed)) + sampleIndex);
    }

    /** Natural length in tokens, counting the EOS token, in {@code [minLength, maxLength]}. */
    public int naturalLength(long key) {
        long h = BlockHasher.mix(key ^ 0x5deece66dL);
        return minLength + (int) Long.remainderUnsigned(h, maxLength - minLength + 1L);
    }

    /** A fresh stream of pieces; {@code leadingSpace} for completions (continuing a text), not for chat answers. */
    public TokenStream stream(long key, boolean leadingSpace) {
        return new TokenStream(key, leadingSpace);
    }
}
