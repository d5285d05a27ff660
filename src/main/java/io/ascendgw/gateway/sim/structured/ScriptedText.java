package io.ascendgw.gateway.sim.structured;

import io.ascendgw.gateway.sim.text.ApproxTokenizer;
import io.ascendgw.gateway.sim.text.TextSource;

/**
 * A text known in advance, handed out a token at a time: pieces of up to {@link ApproxTokenizer#BYTES_PER_TOKEN}
 * UTF-8 bytes, never splitting a character, so the answer costs about the tokens the simulator's tokenizer counts for
 * it. After the text only empty pieces are left (a model held past its end by {@code min_tokens} or
 * {@code ignore_eos}). Owned by the engine thread.
 */
public final class ScriptedText implements TextSource {

    private final String text;
    private int position;

    public ScriptedText(String text) {
        this.text = text;
    }

    /** Tokens the whole text takes. */
    public static int tokens(String text) {
        ScriptedText pieces = new ScriptedText(text);
        int count = 0;
        while (pieces.position < text.length()) {
            pieces.next();
            count++;
        }
        return count;
    }

    @Override
    public String next() {
        int start = position;
        int bytes = 0;
        while (position < text.length()) {
            int codePoint = text.codePointAt(position);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > 0 && bytes + size > ApproxTokenizer.BYTES_PER_TOKEN) {
                break;
            }
            bytes += size;
            position += Character.charCount(codePoint);
        }
        return text.substring(start, position);
    }
}
