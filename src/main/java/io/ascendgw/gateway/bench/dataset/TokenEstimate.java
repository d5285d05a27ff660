package io.ascendgw.gateway.bench.dataset;

/**
 * Token counts of recorded text without the model's tokenizer: about 4 characters per token for ASCII text (English,
 * code) and one token per other character (Chinese, Japanese, Korean), which is how the load generator sizes its own
 * prompts. Used to size recorded answers and to apply vLLM's ShareGPT length filter.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    /** The estimated tokens of {@code text}; 0 for an empty text, at least 1 otherwise. */
    public static int of(CharSequence text) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                ascii++;
            } else if (!Character.isLowSurrogate(c)) {
                other++;
            }
        }
        long tokens = (ascii + 3) / 4 + other;
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
