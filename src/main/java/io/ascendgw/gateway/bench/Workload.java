package io.ascendgw.gateway.bench;

import io.ascendgw.gateway.bench.dataset.Dataset;

/** The shape of the prompts. */
public sealed interface Workload {

    /** Independent prompts of about {@code inputTokens} tokens each (no intended prefix sharing). */
    record RandomPrompts(int inputTokens) implements Workload {
        public RandomPrompts {
            if (inputTokens < 1) {
                throw new IllegalArgumentException("--input-len must be >= 1, got " + inputTokens);
            }
        }

        @Override
        public String describe() {
            return "random(input-len=" + inputTokens + ")";
        }
    }

    /**
     * Synthetic-data-generation shape: each request uses one of {@code numPrefixes} long system/few-shot prompts of
     * about {@code prefixTokens} tokens, byte-for-byte identical across requests, plus a varied user suffix of about
     * {@code suffixTokens} tokens.
     */
    record SharedPrefix(int prefixTokens, int numPrefixes, int suffixTokens) implements Workload {
        public SharedPrefix {
            if (prefixTokens < 1 || numPrefixes < 1 || suffixTokens < 1) {
                throw new IllegalArgumentException("--prefix-len, --num-prefixes and --suffix-len must be >= 1, got "
                        + prefixTokens + ", " + numPrefixes + ", " + suffixTokens);
            }
        }

        @Override
        public String describe() {
            return "shared-prefix(prefix-len=" + prefixTokens + ", num-prefixes=" + numPrefixes + ", suffix-len="
                    + suffixTokens + ")";
        }
    }

    /**
     * The requests of a dataset file, replayed in an order shuffled by the run's seed (from the start again when the
     * run sends more requests than the file holds).
     *
     * @param recordedLengths each request asks for its recorded output length when it has one; false when the run
     *     sets output lengths itself ({@code --output-len}, {@code --output-len-dist})
     */
    record Replay(Dataset dataset, boolean recordedLengths) implements Workload {
        @Override
        public String describe() {
            return "dataset(" + dataset.describe() + (recordedLengths ? "" : ", output lengths from flags") + ")";
        }
    }

    /** A short human-readable form for reports. */
    String describe();
}
