package io.ascendgw.gateway.sim.text;

/**
 * A reasoning parser for one choice: tells the thinking ({@code reasoning_content}) from the answer
 * ({@code content}) at {@link ThinkingText#END}, for a whole text or for streamed pieces in order (a piece may hold
 * part of the end marker, which waits for the rest). Without the marker everything is thinking, as when
 * {@code max_tokens} cuts a model mid-thought. Not thread-safe; one per streamed choice.
 */
public final class ReasoningSplitter {

    /** The thinking and the answer of a text or piece; {@code content} is null while none has come. */
    public record Split(String reasoning, String content) {
    }

    private final StringBuilder held = new StringBuilder();
    private boolean answering;

    /** A whole answer's parts; an empty thinking or answer is null, as vLLM's parsers give it. */
    public static Split whole(String text) {
        int end = text.indexOf(ThinkingText.END);
        if (end < 0) {
            return new Split(text.isEmpty() ? null : text, null);
        }
        String reasoning = text.substring(0, end);
        String content = text.substring(end + ThinkingText.END.length());
        return new Split(reasoning.isEmpty() ? null : reasoning, content.isEmpty() ? null : content);
    }

    /** The parts of the next streamed piece (empty strings when it holds none); {@code last} flushes what waits. */
    public Split next(String piece, boolean last) {
        if (answering) {
            return new Split("", piece);
        }
        held.append(piece);
        int end = held.indexOf(ThinkingText.END);
        if (end >= 0) {
            answering = true;
            Split split = new Split(held.substring(0, end), held.substring(end + ThinkingText.END.length()));
            held.setLength(0);
            return split;
        }
        int keep = last ? 0 : markerPrefixAtEnd();
        String reasoning = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return new Split(reasoning, "");
    }

    /** How many trailing characters of what is held could begin the end marker. */
    private int markerPrefixAtEnd() {
        for (int length = Math.min(held.length(), ThinkingText.END.length() - 1); length > 0; length--) {
            if (ThinkingText.END.startsWith(held.substring(held.length() - length))) {
                return length;
            }
        }
        return 0;
    }
}
