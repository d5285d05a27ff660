package io.ascendgw.gateway.sim.http;

import java.util.List;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.engine.GenerationListener;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/** Answers a non-streaming request once the engine finished it; a client disconnect aborts the request. */
final class NonStreamingResponder implements GenerationListener {

    private final Context context;
    private final HttpServerResponse response;
    private final WireFormat wire;
    private final RequestMeta meta;
    private final ErrorBodies errors;
    private final boolean cachedTokenDetails;
    private final ResponseExtras extras;
    private boolean closed;

    NonStreamingResponder(Context context, HttpServerResponse response, WireFormat wire, RequestMeta meta,
            ResponseExtras extras, ErrorBodies errors, boolean cachedTokenDetails) {
        this.context = context;
        this.response = response;
        this.wire = wire;
        this.meta = meta;
        this.errors = errors;
        this.cachedTokenDetails = cachedTokenDetails;
        this.extras = extras;
    }

    /** Event loop: watches the connection so a disconnect aborts {@code request} at once. */
    void attach(SimRequest request, EngineLoop engine) {
        response.closeHandler(v -> {
            closed = true;
            engine.abort(request);
        });
    }

    @Override
    public void onStep(List<ChoiceDelta> deltas, GenerationResult result) {
        if (result != null) {
            context.runOnContext(v -> respond(result));
        }
    }

    @Override
    public void onFailed(String message) {
        context.runOnContext(v -> {
            if (!closed) {
                ApiError e = errors.engineDead();
                Responses.json(response, e.status(), e.body());
            }
        });
    }

    private void respond(GenerationResult result) {
        if (closed) {
            return;
        }
        Usage usage = new Usage(result.promptTokens(), result.completionTokens(),
                cachedTokenDetails ? result.cachedTokens() : 0);
        GenerationResult shown = result;
        if (extras.echoes().any()) {
            shown = new GenerationResult(result.choices().stream().map(extras.echoes()::apply).toList(),
                    result.promptTokens(), result.cachedTokens());
        }
        Responses.json(response, 200, wire.response(meta, shown, usage, extras.top()));
    }
}
