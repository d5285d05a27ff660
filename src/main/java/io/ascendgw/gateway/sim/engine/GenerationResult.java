package io.ascendgw.gateway.sim.engine;

import java.util.List;

/**
 * All choices of a finished request.
 *
 * @param choices      by index
 * @param promptTokens sum of the prompt lengths (each prompt once, whatever n is)
 * @param cachedTokens prompt tokens served from the prefix cache at first admission (first choice per prompt)
 */
public record GenerationResult(List<ChoiceResult> choices, int promptTokens, int cachedTokens) {

    /** Sum of completion tokens over all choices. */
    public int completionTokens() {
        int sum = 0;
        for (ChoiceResult c : choices) {
            sum += c.completionTokens();
        }
        return sum;
    }
}
