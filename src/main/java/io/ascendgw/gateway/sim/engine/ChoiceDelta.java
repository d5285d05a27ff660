package io.ascendgw.gateway.sim.engine;

import io.ascendgw.gateway.sim.text.TokenLogprobs;

/**
 * Output of one choice in one engine step (one token; the text may be empty).
 *
 * @param index        choice index ({@code promptIndex * n + sampleIndex})
 * @param text         new text since the previous delta
 * @param finishReason set on the choice's last delta, else null
 * @param stopReason   the matched stop string, else null
 * @param logprobs     the step's token and its candidates, null unless log-probabilities were asked for
 */
public record ChoiceDelta(int index, String text, FinishReason finishReason, String stopReason,
        TokenLogprobs.Position logprobs) {
}
