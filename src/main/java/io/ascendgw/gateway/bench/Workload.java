package io.ascendgw.gateway.bench;

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

    /** A short human-readable form for reports. */
    String describe();
}
