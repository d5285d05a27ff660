package io.ascendgw.gateway.sim.text;

/**
 * A reasoning model's output: its thinking, the end-of-thinking token ({@link #END}, Qwen3's and DeepSeek-R1's
 * {@code </think>} with the newlines around it), then the answer. The reasoning parser of the chat server splits it
 * there ({@link ReasoningSplitter}). Owned by the engine thread.
 */
public final class ThinkingText implements TextSource {

    /** The piece that ends the thinking. */
    public static final String END = "\n</think>\n\n";

    private final TextSource thinking;
    private final int thinkingTokens;
    private final TextSource answer;
    private int emitted;

    /** {@code thinkingTokens} pieces of {@code thinking}, {@link #END}, then {@code answer}'s pieces. */
    public ThinkingText(TextSource thinking, int thinkingTokens, TextSource answer) {
        this.thinking = thinking;
        this.thinkingTokens = thinkingTokens;
        this.answer = answer;
    }

    @Override
    public String next() {
        int index = emitted++;
        if (index < thinkingTokens) {
            return thinking.next();
        }
        return index == thinkingTokens ? END : answer.next();
    }
}
