package io.ascendgw.gateway.sim.engine;

/**
 * A finished choice.
 *
 * @param index            choice index
 * @param text             full generated text (stop string removed unless requested)
 * @param finishReason     why it stopped
 * @param stopReason       matched stop string, else null
 * @param completionTokens tokens generated, EOS included
 */
public record ChoiceResult(int index, String text, FinishReason finishReason, String stopReason,
        int completionTokens) {
}
