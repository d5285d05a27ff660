package io.ascendgw.gateway.sim.http;

import java.util.List;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.text.TokenLogprobs;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams one chat or completions request as SSE: headers at once, role events with the first token (chat), one
 * event per engine step and choice, the optional usage event, then {@code [DONE]}.
 */
final class StreamingResponder extends SseStream {

    /** What the usage reporting of this stream looks like. */
    record UsageMode(boolean finalChunk, boolean continuous, int promptTokens, int choices) {
    }

    private static final String DONE = "data: [DONE]\n\n";

    private final WireFormat wire;
    private final String chunkHead;
    private final UsageMode usage;
    private final ErrorBodies errors;
    private final boolean cachedTokenDetails;
    private final int[] tokensPerChoice;
    private final ResponseExtras extras;
    /** Per choice: characters generated so far (vLLM's text_offset base, which leaves the echo out). */
    private final int[] textOffsets;

    StreamingResponder(Context context, HttpServerRequest request, WireFormat wire, RequestMeta meta, UsageMode usage,
            ResponseExtras extras, ErrorBodies errors, Faults faults, boolean cachedTokenDetails) {
        super(context, request, faults);
        this.wire = wire;
        this.chunkHead = wire.chunkHead(meta);
        this.usage = usage;
        this.errors = errors;
        this.cachedTokenDetails = cachedTokenDetails;
        this.tokensPerChoice = new int[usage.choices()];
        this.extras = extras;
        this.textOffsets = new int[usage.choices()];
    }

    /** Event loop: an error surfacing after the stream started (in-band event, then [DONE]). */
    void failInBand(int code, String type, String message) {
        if (!closed() && !response.ended()) {
            response.end(Buffer.buffer(errors.inBandEvent(code, type, message) + DONE));
        }
    }

    @Override
    public void onFailed(String message) {
        onEventLoop(() -> failInBand(400, "BadRequestError", message));
    }

    /** The role events of every choice (chat), each followed by its echo when chat repeats one. */
    @Override
    protected void firstStep(StringBuilder sb) {
        for (int i = 0; i < usage.choices(); i++) {
            wire.roleEvent(sb, chunkHead, i, usage.continuous() ? continuousUsage(i) : null);
            if (extras.echoes().any() && !wire.echoInFirstToken()) {
                wire.echoEvent(sb, chunkHead, i, extras.echoes().forChoice(i).text());
            }
        }
    }

    @Override
    protected void token(StringBuilder sb, ChoiceDelta d) {
        boolean first = tokensPerChoice[d.index()]++ == 0;
        wire.deltaEvent(sb, chunkHead, event(d, first), usage.continuous() ? continuousUsage(d.index()) : null);
    }

    /** A token event; a completion's first one carries its echo in front (the echo alone for max_tokens 0). */
    private TokenEvent event(ChoiceDelta d, boolean first) {
        String text = d.text();
        List<TokenLogprobs.Position> logprobs = d.logprobs() == null ? null : List.of(d.logprobs());
        Echoes echoes = extras.echoes();
        if (first && echoes.any() && wire.echoInFirstToken()) {
            Echoes.Echo echo = echoes.forChoice(d.index());
            text = echoes.only() ? echo.text() : echo.text() + text;
            logprobs = Echoes.join(echo.logprobs(), echoes.only() ? null : logprobs);
        }
        int offset = textOffsets[d.index()];
        textOffsets[d.index()] += echoes.only() ? 0 : d.text().codePointCount(0, d.text().length());
        return new TokenEvent(d.index(), text, d.finishReason(), d.stopReason(), logprobs, extras.top(), offset);
    }

    @Override
    protected void finish(StringBuilder sb, GenerationResult result) {
        if (usage.finalChunk()) {
            Usage u = new Usage(result.promptTokens(), result.completionTokens(),
                    cachedTokenDetails ? result.cachedTokens() : 0);
            wire.usageEvent(sb, chunkHead, u.chunkJson());
        }
        response.end(Buffer.buffer(sb.append(DONE).toString()));
    }

    private String continuousUsage(int index) {
        return new Usage(usage.promptTokens(), tokensPerChoice[index], 0).chunkJson();
    }
}
