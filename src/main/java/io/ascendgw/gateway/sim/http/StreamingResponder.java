package io.ascendgw.gateway.sim.http;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.engine.GenerationListener;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.text.TokenLogprobs;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one request as SSE: headers at once, role events with the first token (chat), one event per engine step
 * and choice, the optional usage event, then {@code [DONE]}. Each step's events are written (and flushed) as soon
 * as the engine produced them; when the event loop is behind the engine (zero-delay mode), the steps that piled up
 * go out in one write. A disconnect aborts the request; the abort-stream fault cuts the connection.
 */
final class StreamingResponder implements GenerationListener {

    /** What the usage reporting of this stream looks like. */
    record UsageMode(boolean finalChunk, boolean continuous, int promptTokens, int choices) {
    }

    private static final String DONE = "data: [DONE]\n\n";

    private record Step(List<ChoiceDelta> deltas, GenerationResult result) {
    }

    private final Context context;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final WireFormat wire;
    private final String chunkHead;
    private final UsageMode usage;
    private final ErrorBodies errors;
    private final Faults faults;
    private final boolean cachedTokenDetails;
    private final int[] tokensPerChoice;
    private final ResponseExtras extras;
    /** Per choice: characters generated so far (vLLM's text_offset base, which leaves the echo out). */
    private final int[] textOffsets;
    private final ConcurrentLinkedQueue<Step> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private boolean started;
    private boolean closed;
    private int tokenEvents;

    StreamingResponder(Context context, HttpServerRequest request, WireFormat wire, RequestMeta meta, UsageMode usage,
            ResponseExtras extras, ErrorBodies errors, Faults faults, boolean cachedTokenDetails) {
        this.context = context;
        this.request = request;
        this.response = request.response();
        this.wire = wire;
        this.chunkHead = wire.chunkHead(meta);
        this.usage = usage;
        this.errors = errors;
        this.faults = faults;
        this.cachedTokenDetails = cachedTokenDetails;
        this.tokensPerChoice = new int[usage.choices()];
        this.extras = extras;
        this.textOffsets = new int[usage.choices()];
    }

    /** Event loop: sends the 200 and SSE headers now; the first event waits for the first token. */
    void open() {
        response.setChunked(true);
        response.headers().set(HttpHeaders.CONTENT_TYPE, Responses.EVENT_STREAM);
        response.writeHead();
    }

    /** Event loop: watches the connection so a disconnect aborts {@code simRequest} at once. */
    void attach(SimRequest simRequest, EngineLoop engine) {
        response.closeHandler(v -> {
            closed = true;
            engine.abort(simRequest);
        });
    }

    /** Event loop: an error surfacing after the stream started (in-band event, then [DONE]). */
    void failInBand(int code, String type, String message) {
        if (!closed && !response.ended()) {
            response.end(Buffer.buffer(errors.inBandEvent(code, type, message) + DONE));
        }
    }

    @Override
    public void onStep(List<ChoiceDelta> deltas, GenerationResult result) {
        pending.add(new Step(deltas, result));
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    @Override
    public void onFailed(String message) {
        context.runOnContext(v -> failInBand(400, "BadRequestError", message));
    }

    private void drain() {
        drainScheduled.set(false);
        if (closed || response.ended()) {
            pending.clear();
            return;
        }
        StringBuilder sb = new StringBuilder(512);
        Step step;
        while ((step = pending.poll()) != null) {
            if (!append(sb, step.deltas())) {
                cut(sb);
                return;
            }
            if (step.result() != null) {
                finish(sb, step.result());
                return;
            }
        }
        if (sb.length() > 0) {
            response.write(Buffer.buffer(sb.toString()));
        }
    }

    /** Appends one step's events; false when the abort-stream fault says to cut the connection now. */
    private boolean append(StringBuilder sb, List<ChoiceDelta> deltas) {
        if (!started) {
            started = true;
            for (int i = 0; i < usage.choices(); i++) {
                wire.roleEvent(sb, chunkHead, i, usage.continuous() ? continuousUsage(i) : null);
                if (extras.echoes().any() && !wire.echoInFirstToken()) {
                    wire.echoEvent(sb, chunkHead, i, extras.echoes().forChoice(i).text());
                }
            }
        }
        int abortAfter = faults.abortStreamAfterTokens();
        for (ChoiceDelta d : deltas) {
            boolean first = tokensPerChoice[d.index()]++ == 0;
            wire.deltaEvent(sb, chunkHead, event(d, first), usage.continuous() ? continuousUsage(d.index()) : null);
            if (abortAfter >= 0 && ++tokenEvents >= abortAfter) {
                return false;
            }
        }
        return true;
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

    private void finish(StringBuilder sb, GenerationResult result) {
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

    /** Like an engine dying mid-stream: what was produced goes out, then the TCP connection just closes. */
    private void cut(StringBuilder sb) {
        response.write(Buffer.buffer(sb.toString()));
        request.connection().close();
    }
}
