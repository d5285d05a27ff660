package io.ascendgw.gateway.sim.text;

/** The fixed vocabulary of generated text; a few non-ASCII words keep UTF-8 handling honest. */
public final class Vocabulary {

    static final String[] WORDS = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by",
        "this", "are", "from", "at", "which", "or", "an", "can", "will", "also", "each", "when", "into", "these",
        "through", "between", "model", "engine", "token", "cache", "request", "system", "data", "network", "value",
        "result", "process", "time", "new", "first", "more", "other", "many", "performance", "memory", "latency",
        "throughput", "cluster", "gateway", "prefix", "batch", "stream", "response", "capital", "city", "history",
        "science", "language", "people", "world", "river", "mountain", "ancient", "modern", "simple", "important",
        "different", "large", "small", "great", "high", "long", "local", "several", "however", "therefore", "while",
        "because", "although", "traditions", "innovation", "home", "known", "center", "region", "century", "culture",
        "energy", "light", "water", "north", "south", "market", "trade", "music", "art", "design", "garden", "bridge",
        "library", "museum", "question", "answer", "example", "method", "structure", "signal", "pattern", "café",
        "naïve", "Zürich", "résumé", "coöperate",
    };

    private Vocabulary() {
    }

    /** The word a random number picks. */
    public static String word(long random) {
        return WORDS[(int) Long.remainderUnsigned(random, WORDS.length)];
    }
}
