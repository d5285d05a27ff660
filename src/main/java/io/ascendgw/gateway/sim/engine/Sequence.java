package io.ascendgw.gateway.sim.engine;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.sim.text.TokenLogprobs;
import io.ascendgw.gateway.sim.text.TextSource;

/** One choice of a request inside the scheduler; engine-thread only. */
final class Sequence {

    final SimRequest request;
    final int index;
    final PromptSpec prompt;
    private final TextSource tokens;
    private final long key;
    private final int eosAt;
    private final int holdback;

    int numComputed;
    int numOutput;
    final IntList blocks = new IntList();
    int hashedBlocks;
    final StringBuilder text = new StringBuilder();
    private int emitted;
    /** The last token's log-probabilities (null unless asked for), and all of them for a non-streaming answer. */
    TokenLogprobs.Position lastLogprobs;
    private final List<TokenLogprobs.Position> logprobs;

    boolean finished;
    FinishReason finishReason;
    String stopReason;
    int cachedTokens = -1;
    long firstScheduledNanos;
    long firstTokenNanos;
    long lastTokenNanos;

    Sequence(SimRequest request, int index, PromptSpec prompt, long key, TextSource tokens, int naturalLength) {
        this.request = request;
        this.index = index;
        this.prompt = prompt;
        this.key = key;
        this.tokens = tokens;
        SamplingSpec sp = request.sampling();
        this.eosAt = sp.ignoreEos() ? Integer.MAX_VALUE : Math.max(naturalLength, sp.minTokens() + 1);
        this.holdback = sp.stopHoldback();
        this.logprobs = sp.logprobs() >= 0 && !request.streaming() ? new ArrayList<>() : null;
    }

    /** Prompt plus generated tokens. */
    int numTokens() {
        return prompt.tokens() + numOutput;
    }

    /** Samples the next token and applies vLLM's stop checks in their order; returns true when finished. */
    boolean generateToken() {
        SamplingSpec sp = request.sampling();
        numOutput++;
        boolean eos = numOutput == eosAt;
        int before = text.length();
        String token = eos ? (sp.leadingSpace() ? TokenLogprobs.COMPLETION_EOS : TokenLogprobs.CHAT_EOS) : tokens.next();
        if (!eos) {
            text.append(token);
        }
        if (sp.logprobs() >= 0) {
            lastLogprobs = TokenLogprobs.at(key, numOutput - 1, token, Math.max(1, sp.logprobs()) - 1);
            if (logprobs != null) {
                logprobs.add(lastLogprobs);
            }
        }
        if (numOutput >= sp.maxTokens() || numTokens() >= sp.maxModelLen()) {
            finishReason = FinishReason.LENGTH;
        } else if (eos) {
            finishReason = FinishReason.STOP;
        }
        if (!eos && !sp.stop().isEmpty() && numOutput >= sp.minTokens()) {
            matchStopString(sp, before);
        }
        finished = finishReason != null;
        return finished;
    }

    private void matchStopString(SamplingSpec sp, int before) {
        int best = -1;
        String matched = null;
        for (String stop : sp.stop()) {
            if (stop.isEmpty()) {
                continue;
            }
            int from = Math.max(0, before - stop.length() + 1);
            int at = text.indexOf(stop, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                matched = stop;
            }
        }
        if (matched != null) {
            text.setLength(sp.includeStopStr() ? best + matched.length() : best);
            finishReason = FinishReason.STOP;
            stopReason = matched;
        }
    }

    /** Text not yet streamed; while running, the last {@code holdback} characters are kept back. */
    String takeDelta() {
        int limit = finished ? text.length() : Math.max(emitted, text.length() - holdback);
        limit = Math.min(limit, text.length());
        int from = Math.min(emitted, limit);
        String delta = from == limit ? "" : text.substring(from, limit);
        emitted = limit;
        return delta;
    }

    ChoiceResult result() {
        return new ChoiceResult(index, text.toString(), finishReason, stopReason, numOutput, logprobs);
    }
}
