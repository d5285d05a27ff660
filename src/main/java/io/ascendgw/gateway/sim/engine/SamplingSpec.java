package io.ascendgw.gateway.sim.engine;

import java.util.List;

import io.ascendgw.gateway.sim.structured.OutputStructure;
import io.ascendgw.gateway.sim.text.ThinkingText;

/**
 * The sampling parameters the simulated engine honours.
 *
 * @param n                   choices per prompt
 * @param maxTokens           output limit per choice (already defaulted and validated)
 * @param minTokens           EOS and stop strings are ignored before this many output tokens
 * @param ignoreEos           generate exactly {@code maxTokens} unless a stop string matches
 * @param stop                stop strings (empty for none)
 * @param includeStopStr      keep the matched stop string in the output
 * @param seed                request seed, or the simulator's default seed
 * @param leadingSpace        completions continue a text (first piece starts with a space); chat answers do not
 * @param maxModelLen         context limit: prompt plus output never exceed it
 * @param logprobs            top log-probabilities asked for per output token, -1 when none are
 * @param structure           the constraint of structured outputs on the answer, null for free text
 * @param thinking            a reasoning model thinks before it answers ({@link ThinkingText})
 */
public record SamplingSpec(int n, int maxTokens, int minTokens, boolean ignoreEos, List<String> stop,
        boolean includeStopStr, long seed, boolean leadingSpace, int maxModelLen, int logprobs,
        OutputStructure structure, boolean thinking) {

    /** A request without log-probabilities. */
    public SamplingSpec(int n, int maxTokens, int minTokens, boolean ignoreEos, List<String> stop,
            boolean includeStopStr, long seed, boolean leadingSpace, int maxModelLen) {
        this(n, maxTokens, minTokens, ignoreEos, stop, includeStopStr, seed, leadingSpace, maxModelLen, -1, null,
                false);
    }

    public SamplingSpec {
        stop = List.copyOf(stop);
    }

    /** Characters of generated text held back while streaming so a partial stop string is never emitted. */
    int stopHoldback() {
        if (stop.isEmpty() || includeStopStr) {
            return 0;
        }
        int longest = 0;
        for (String s : stop) {
            longest = Math.max(longest, s.length());
        }
        return Math.max(0, longest - 1);
    }
}
