package io.ascendgw.gateway.sim.engine;

/**
 * Output of one choice in one engine step (one token; the text may be empty).
 *
 * @param index        choice index ({@code promptIndex * n + sampleIndex})
 * @param text         new text since the previous delta
 * @param finishReason set on the choice's last delta, else null
 * @param stopReason   the matched stop string, else null
 */
public record ChoiceDelta(int index, String text, FinishReason finishReason, String stopReason) {
}
