package io.ascendgw.gateway.bench;

import java.util.SplittableRandom;

/** Distribution of {@code max_tokens} per request (sent with {@code ignore_eos}, so outputs have that length). */
public sealed interface OutputLengths {

    /** Every request asks for {@code tokens}. */
    record Fixed(int tokens) implements OutputLengths {
        public Fixed {
            if (tokens < 1) {
                throw new IllegalArgumentException("--output-len must be >= 1, got " + tokens);
            }
        }

        @Override
        public int sample(SplittableRandom random) {
            return tokens;
        }

        @Override
        public String describe() {
            return "fixed:" + tokens;
        }
    }

    /** Uniform over {@code [min, max]} inclusive. */
    record Uniform(int min, int max) implements OutputLengths {
        public Uniform {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("uniform output length needs 1 <= a <= b, got " + min + "-" + max);
            }
        }

        @Override
        public int sample(SplittableRandom random) {
            return random.nextInt(min, max + 1);
        }

        @Override
        public String describe() {
            return "uniform:" + min + "-" + max;
        }
    }

    /** Draws one length; deterministic for a given random state. */
    int sample(SplittableRandom random);

    /** The flag spelling, e.g. {@code fixed:128} or {@code uniform:64-512}. */
    String describe();

    /** Parses {@code uniform:a-b}; {@code fixed} is resolved by the caller with {@code --output-len}. */
    static OutputLengths parseUniform(String value) {
        String range = value.substring("uniform:".length());
        int dash = range.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("--output-len-dist must be fixed or uniform:a-b, got '" + value + "'");
        }
        try {
            return new Uniform(Integer.parseInt(range.substring(0, dash).trim()),
                    Integer.parseInt(range.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--output-len-dist must be fixed or uniform:a-b, got '" + value + "'");
        }
    }
}
