package io.ascendgw.gateway.sim.text;

/** Sequential pieces of one free-running generated text; not thread-safe (owned by the engine thread). */
public final class TokenStream implements TextSource {

    private long state;
    private boolean sentenceStart = true;
    private boolean first = true;
    private boolean lastWasPunctuation;
    private int wordsInSentence;
    private final boolean leadingSpace;

    TokenStream(long key, boolean leadingSpace) {
        this.state = key;
        this.leadingSpace = leadingSpace;
    }

    @Override
    public String next() {
        long r = nextRandom();
        int roll = (int) Long.remainderUnsigned(r, 100);
        if (!lastWasPunctuation && wordsInSentence >= 4 && roll < 9) {
            return punctuation(".", true);
        }
        if (!lastWasPunctuation && wordsInSentence >= 3 && roll < 16) {
            return punctuation(",", false);
        }
        String word = Vocabulary.WORDS[(int) Long.remainderUnsigned(r >>> 8, Vocabulary.WORDS.length)];
        if (sentenceStart) {
            word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        String piece = (first && !leadingSpace) ? word : " " + word;
        first = false;
        sentenceStart = false;
        lastWasPunctuation = false;
        wordsInSentence++;
        return piece;
    }

    private String punctuation(String mark, boolean endsSentence) {
        lastWasPunctuation = true;
        if (endsSentence) {
            sentenceStart = true;
            wordsInSentence = 0;
        }
        return mark;
    }

    private long nextRandom() {
        state += 0x9e3779b97f4a7c15L;
        return BlockHasher.mix(state);
    }
}
