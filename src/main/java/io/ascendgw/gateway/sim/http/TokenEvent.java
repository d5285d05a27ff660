package io.ascendgw.gateway.sim.http;

import java.util.List;

import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.text.TokenLogprobs;

/**
 * One streamed event of one choice, as the wire format writes it.
 *
 * @param index        choice index
 * @param text         text of the event (with a completion's echoed prompt in front in its first event)
 * @param finishReason set on the choice's last event, else null
 * @param stopReason   the matched stop string, else null
 * @param logprobs     the event's positions, null unless log-probabilities were asked for
 * @param top          chat {@code top_logprobs}: candidates shown per position
 * @param textOffset   completions: {@code text_offset} of the event's first position
 */
record TokenEvent(int index, String text, FinishReason finishReason, String stopReason,
        List<TokenLogprobs.Position> logprobs, int top, int textOffset) {
}
