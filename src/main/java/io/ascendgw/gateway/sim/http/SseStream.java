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
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One streamed (SSE) answer fed by the engine. Steps arrive on the engine thread and are written on the request's
 * event loop as soon as it runs: when it is behind the engine (zero-delay mode), the steps that piled up go out in
 * one write. A disconnect aborts the request; the abort-stream fault cuts the connection after K token events.
 * Subclasses say what the events are.
 */
abstract class SseStream implements GenerationListener {

    private record Step(List<ChoiceDelta> deltas, GenerationResult result) {
    }

    protected final HttpServerRequest request;
    protected final HttpServerResponse response;
    private final Context context;
    private final Faults faults;
    private final ConcurrentLinkedQueue<Step> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private boolean started;
    private boolean closed;
    private int tokenEvents;

    SseStream(Context context, HttpServerRequest request, Faults faults) {
        this.context = context;
        this.request = request;
        this.response = request.response();
        this.faults = faults;
    }

    /** Event loop: sends the 200, the SSE headers and {@link #openingEvents()} now, before the engine has a token. */
    final void open() {
        response.setChunked(true);
        response.headers().set(HttpHeaders.CONTENT_TYPE, Responses.EVENT_STREAM);
        String opening = openingEvents();
        if (opening.isEmpty()) {
            response.writeHead();
        } else {
            response.write(Buffer.buffer(opening));
        }
    }

    /** Event loop: watches the connection so a disconnect aborts {@code simRequest} at once. */
    final void attach(SimRequest simRequest, EngineLoop engine) {
        response.closeHandler(v -> {
            closed = true;
            engine.abort(simRequest);
        });
    }

    @Override
    public final void onStep(List<ChoiceDelta> deltas, GenerationResult result) {
        pending.add(new Step(deltas, result));
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** Whether the client has gone. */
    protected final boolean closed() {
        return closed;
    }

    /** Runs {@code action} on the request's event loop (for {@link #onFailed}). */
    protected final void onEventLoop(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    /** Events sent with the headers; none by default. */
    protected String openingEvents() {
        return "";
    }

    /** Appends what precedes the first step's tokens; nothing by default. */
    protected void firstStep(StringBuilder sb) {
    }

    /** Appends the event(s) of one token of one choice. */
    protected abstract void token(StringBuilder sb, ChoiceDelta delta);

    /** Appends the closing events and ends the response. */
    protected abstract void finish(StringBuilder sb, GenerationResult result);

    private void drain() {
        drainScheduled.set(false);
        if (closed || response.ended()) {
            pending.clear();
            return;
        }
        StringBuilder sb = new StringBuilder(512);
        int abortAfter = faults.abortStreamAfterTokens();
        Step step;
        while ((step = pending.poll()) != null) {
            if (!started) {
                started = true;
                firstStep(sb);
            }
            for (ChoiceDelta d : step.deltas()) {
                token(sb, d);
                if (abortAfter >= 0 && ++tokenEvents >= abortAfter) {
                    cut(sb);
                    return;
                }
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

    /** Like an engine dying mid-stream: what was produced goes out, then the TCP connection just closes. */
    private void cut(StringBuilder sb) {
        response.write(Buffer.buffer(sb.toString()));
        request.connection().close();
    }
}
