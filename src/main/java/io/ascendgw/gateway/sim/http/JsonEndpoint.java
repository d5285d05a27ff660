package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.fault.Faults;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** What every JSON {@code POST} endpoint of the simulator does around its own work; event-loop only. */
final class JsonEndpoint {

    /** The work on a request's body; throws {@link ApiError} to answer with an error. */
    interface BodyHandler {
        void handle(Buffer body);
    }

    private JsonEndpoint() {
    }

    /**
     * Refuses a content type other than JSON (vLLM's 415), reads the body, runs {@code handler}, and answers its
     * {@link ApiError}s; anything else it throws becomes vLLM's 500, logged at {@code logLocation}.
     */
    static void serve(ServerContext ctx, ErrorBodies errors, HttpServerRequest req, String logLocation,
            BodyHandler handler) {
        if (!isJson(req.getHeader("content-type"))) {
            ApiError e = errors.unsupportedMediaType();
            Responses.json(req.response(), e.status(), e.body());
            return;
        }
        req.body().onSuccess(body -> {
            try {
                handler.handle(body);
            } catch (ApiError e) {
                Responses.json(req.response(), e.status(), e.body());
            } catch (RuntimeException e) {
                ctx.log().error(logLocation, "Error in request: " + e);
                ApiError error = errors.internal(String.valueOf(e.getMessage()));
                Responses.json(req.response(), error.status(), error.body());
            }
        });
    }

    /**
     * The injected faults a request meets once it is valid: false when the process is crashing now (nothing is
     * answered); throws the 500 of a request the fail-rate picks.
     */
    static boolean survivesFaults(ServerContext ctx, ErrorBodies errors) {
        Faults.Decision decision = ctx.faults().onGenerationRequest();
        if (decision == Faults.Decision.CRASH) {
            ctx.crash().accept(ctx.faults().crashExitCode());
            return false;
        }
        if (decision == Faults.Decision.FAIL) {
            throw errors.generationFailed();
        }
        return true;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim();
        return media.equalsIgnoreCase("application/json");
    }
}
