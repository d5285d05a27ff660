package io.ascendgw.gateway.sim.engine;

import java.util.List;

import io.ascendgw.gateway.sim.text.TokenLogprobs;

/**
 * A finished choice.
 *
 * @param index            choice index
 * @param text             full generated text (stop string removed unless requested)
 * @param finishReason     why it stopped
 * @param stopReason       matched stop string, else null
 * @param completionTokens tokens generated, EOS included
 * @param logprobs         every generated token (EOS included) with its candidates, null unless asked for
 */
public record ChoiceResult(int index, String text, FinishReason finishReason, String stopReason,
        int completionTokens, List<TokenLogprobs.Position> logprobs) {
}
