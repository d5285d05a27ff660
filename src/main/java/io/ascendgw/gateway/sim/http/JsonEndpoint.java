package io.ascendgw.gateway.sim.http;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.GenerationListener;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.engine.SamplingSpec;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.ascendgw.gateway.sim.fault.Faults;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
        req.body().onSuccess(body -> answeringErrors(ctx, errors, req, logLocation, () -> handler.handle(body)));
    }

    /**
     * Runs {@code work} and answers its {@link ApiError}s; anything else it throws becomes vLLM's 500, logged at
     * {@code logLocation}. For the body handler and for work that continues after an asynchronous step.
     */
    static void answeringErrors(ServerContext ctx, ErrorBodies errors, HttpServerRequest req, String logLocation,
            Runnable work) {
        try {
            work.run();
        } catch (ApiError e) {
            Responses.json(req.response(), e.status(), e.body());
        } catch (RuntimeException e) {
            ctx.log().error(logLocation, "Error in request: " + e);
            ApiError error = errors.internal(String.valueOf(e.getMessage()));
            Responses.json(req.response(), error.status(), error.body());
        }
    }

    /**
     * Continues with {@code next} once {@code step} completes, on the same event loop, answering errors as
     * {@link #answeringErrors} does (a failed step's {@link ApiError} is the answer).
     */
    static <T> void after(Future<T> step, ServerContext ctx, ErrorBodies errors, HttpServerRequest req,
            String logLocation, Consumer<T> next) {
        step.onComplete(done -> answeringErrors(ctx, errors, req, logLocation, () -> {
            if (done.failed()) {
                throw done.cause() instanceof RuntimeException e ? e : new IllegalStateException(done.cause());
            }
            next.accept(done.result());
        }));
    }

    /** The body as a JSON object; anything else (not JSON, or not an object) is vLLM's 400 "JSON decode error". */
    static JsonNode readObject(ObjectMapper mapper, ErrorBodies errors, Buffer raw) {
        try {
            JsonNode body = mapper.readTree(raw.getBytes());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // answered below, as a body that is not an object is
        }
        SchemaErrors schema = new SchemaErrors();
        schema.add("json_invalid", "JSON decode error", 0);
        throw errors.schema(schema.message());
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

    /**
     * Hands a request whose answer is one JSON body to the engine: once it is done, {@code body} builds the answer
     * from the result on the request's event loop (not on the engine thread, whose steps it would delay); if the
     * engine dies first, vLLM's 500 goes out instead. A client that disconnects aborts the request. Event loop.
     */
    static void answerWhenDone(ServerContext ctx, ErrorBodies errors, HttpServerRequest req, String id,
            List<PromptSpec> prompts, SamplingSpec sampling, long arrival, Function<GenerationResult, String> body) {
        answerWhenDone(ctx, errors, req, id, prompts, sampling, arrival, null, body);
    }

    /** As above, for a LoRA adapter ({@code lora} its name, null for the model itself). */
    static void answerWhenDone(ServerContext ctx, ErrorBodies errors, HttpServerRequest req, String id,
            List<PromptSpec> prompts, SamplingSpec sampling, long arrival, String lora,
            Function<GenerationResult, String> body) {
        Context context = Vertx.currentContext();
        SimRequest simRequest = new SimRequest(id, prompts, sampling, false, new GenerationListener() {
            @Override
            public void onStep(List<ChoiceDelta> deltas, GenerationResult result) {
                if (result != null) {
                    context.runOnContext(v -> Responses.json(req.response(), 200, body.apply(result)));
                }
            }

            @Override
            public void onFailed(String message) {
                context.runOnContext(v -> {
                    ApiError e = errors.engineDead();
                    Responses.json(req.response(), e.status(), e.body());
                });
            }
        }, arrival, lora);
        req.response().closeHandler(v -> ctx.engine().abort(simRequest));
        ctx.engine().submit(simRequest);
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
