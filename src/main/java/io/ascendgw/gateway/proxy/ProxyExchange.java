package io.ascendgw.gateway.proxy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.AttemptOutcome;
import io.ascendgw.gateway.routing.RoutingDecision;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.admission.AdmissionQueue;
import io.ascendgw.gateway.routing.admission.AdmissionWait;
import io.ascendgw.gateway.routing.prefix.PromptBlocks;
import io.netty.util.Timeout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * One client request on its way through the proxy: picks an engine (or waits in the pool's admission queue while
 * every engine is saturated), sends the body unchanged, relays the answer, and tries another engine when one fails
 * while nothing has reached the client yet (connect refused or reset, 5xx, stream broken). Streams are relayed
 * event by event as they arrive; a non-streaming answer is held until complete (vLLM writes it in one piece
 * anyway), which keeps it retryable if the engine dies mid-generation. Timeouts are not retried: they end the
 * request with 504 (or an SSE error event once the stream has started). When the client goes away, the engine
 * request is reset so vLLM aborts it and frees its KV cache, and a queued request leaves the queue. Confined to the
 * request's event loop.
 */
final class ProxyExchange {

    private final ProxyContext deps;
    private final HttpServerResponse downstream;
    private final MultiMap clientHeaders;
    private final InferenceRequest request;
    private final String requestId;
    private final String sessionKey;
    private final String apiKeyName;
    private final double apiKeyWeight;
    private final long arrivalNanos;
    private final Set<String> tried = new LinkedHashSet<>();
    private final PromptBlocks prompt;

    private Context context;
    private AdmissionWait admission;
    private RoutingRequest attemptRouting;
    private int retryAfterSeconds = 1;
    private int attempts;
    /** The attempt whose callbacks still count; 0 once it was aborted, so late callbacks of a reset are ignored. */
    private int liveAttempt;
    private Engine engine;
    private HttpClientRequest upstream;
    private SseRelay relay;
    private boolean finished;
    private boolean released = true;
    private boolean headersSent;
    /** Engines are being asked in turn for the stored response this request continues. */
    private boolean huntingStoredResponse;
    private long clientFirstByteNanos;
    private long lastEventNanos;
    private ExchangeClock clock;
    private OpenAiError lastFailure;
    private ExchangeSummary.Partial partial;

    ProxyExchange(ProxyContext deps, HttpServerResponse downstream, MultiMap clientHeaders, InferenceRequest request,
            String requestId, String sessionKey, String apiKeyName, double apiKeyWeight, long arrivalNanos) {
        this.deps = deps;
        this.downstream = downstream;
        this.clientHeaders = clientHeaders;
        this.request = request;
        this.requestId = requestId;
        this.sessionKey = sessionKey;
        this.apiKeyName = apiKeyName;
        this.apiKeyWeight = apiKeyWeight;
        this.arrivalNanos = arrivalNanos;
        this.prompt = new PromptBlocks(request);
    }

    void start() {
        context = Vertx.currentContext();
        clock = new ExchangeClock(deps.deadlines(), context, deps.settings(), arrivalNanos, new ExchangeClock.Expiry() {
            @Override
            public void totalExpired() {
                endAttempt(AttemptOutcome.ABANDONED, null);
                abortUpstream();
                fail(OpenAiError.timeout("The request took longer than " + deps.settings().totalTimeout() + "."),
                        "timeout");
            }

            @Override
            public void firstByteExpired() {
                timedOut(OpenAiError.timeout("The engine sent nothing within " + deps.settings().firstByteTimeout()
                        + "."));
            }

            @Override
            public void idleExpired() {
                timedOut(OpenAiError.timeout("The engine sent nothing for " + deps.settings().idleTimeout()
                        + " mid-stream."));
            }
        });
        downstream.closeHandler(v -> onClientGone());
        downstream.exceptionHandler(e -> onClientGone());
        if (downstream.closed()) {
            // The client left while its body was being read: nothing to route.
            onClientGone();
            return;
        }
        tryNextEngine();
    }

    private RoutingRequest routingRequest() {
        boolean admitted = attempts > 0 || (admission != null && admission.holdsTurn());
        return new RoutingRequest(requestId, request, Set.copyOf(tried), sessionKey, prompt, admitted, apiKeyName);
    }

    private void tryNextEngine() {
        if (finished) {
            return;
        }
        RoutingRequest routing = routingRequest();
        RoutingDecision decision = deps.selector().select(routing);
        deps.observers().forEach(o -> o.onDecision(routing, decision));
        if (decision instanceof RoutingDecision.Routed routed) {
            // Counted on the engine by the decision: the waiters this wakes see the slot taken.
            if (admission != null) {
                admission.routed();
            }
            if (huntingStoredResponse && tried.contains(routed.engine().id())) {
                // Every engine serving the model said it does not hold the response. The decision, unsent, is given
                // back as an attempt that told nothing: its slot, and a breaker probe it may carry.
                attemptOver(routing, routed.engine(), AttemptOutcome.ABANDONED, null);
                sendError(lastFailure, "client_error");
                return;
            }
            dispatch(routing, routed.engine());
        } else if (decision instanceof RoutingDecision.Saturated saturated) {
            if (admission == null) {
                admission = new AdmissionWait(deps.vertx(), context, apiKeyName, apiKeyWeight, this::tryNextEngine,
                        this::onQueueRejected);
            }
            admission.await(saturated.queue());
        } else {
            if (admission != null) {
                admission.leave();
            }
            fail(lastFailure != null ? lastFailure : OpenAiError.noEngine(request.model()),
                    lastFailure != null ? "engine_error" : "no_engine");
        }
    }

    private void onQueueRejected(AdmissionQueue queue, AdmissionWait.Refusal refusal, int retryAfter) {
        retryAfterSeconds = retryAfter;
        String busy = "Every engine serving model `" + request.model() + "`";
        String message = switch (refusal) {
            case TIMED_OUT -> busy + " stayed busy for " + queue.timeout() + " while the request waited; try again"
                    + " later.";
            case FULL -> busy + " is busy and " + queue.size() + " requests are already waiting; try again later.";
            case DISPLACED -> busy + " is busy and the queue is full: this request waited, and gave its place to a"
                    + " request of an API key with fewer waiting (this key has the most); try again later.";
        };
        String code = refusal == AdmissionWait.Refusal.TIMED_OUT ? "queue_timeout" : "queue_full";
        String outcome = refusal == AdmissionWait.Refusal.DISPLACED ? "queue_displaced" : code;
        fail(new OpenAiError(429, message, "rate_limit_exceeded", null, code), outcome);
    }

    /** Sends the attempt to {@code chosen}, which counted it when it was chosen (see RoutingDecision.Routed). */
    private void dispatch(RoutingRequest routing, Engine chosen) {
        engine = chosen;
        attemptRouting = routing;
        tried.add(chosen.id());
        attempts++;
        released = false;
        deps.observers().forEach(o -> o.onRouted(routing, chosen));
        int attempt = attempts;
        liveAttempt = attempt;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(chosen.endpoint().host())
                .setPort(chosen.endpoint().port())
                .setURI(request.endpoint().path())
                .setConnectTimeout(deps.settings().connectTimeout().toMillis());
        options.setHeaders(HopByHopHeaders.forEngine(clientHeaders, apiKeyName != null,
                deps.settings().engineAuthorization(), requestId)
                .set(HttpHeaders.CONTENT_TYPE, "application/json"));
        deps.clients().current().request(options).onComplete(ar -> {
            if (attempt != liveAttempt || finished) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                attemptFailed(OpenAiError.upstreamUnavailable(describe(ar.cause())), "connect failed");
                return;
            }
            send(ar.result(), attempt);
        });
    }

    private void send(HttpClientRequest req, int attempt) {
        upstream = req;
        clock.sent(System.nanoTime());
        req.send(request.upstreamBody()).onComplete(ar -> {
            if (attempt != liveAttempt || finished) {
                return;
            }
            if (ar.failed()) {
                attemptFailed(OpenAiError.upstreamUnavailable(describe(ar.cause())), "send failed");
            } else {
                onResponse(ar.result(), attempt);
            }
        });
    }

    private void onResponse(HttpClientResponse response, int attempt) {
        int status = response.statusCode();
        if (status != 200) {
            readBody(response).onComplete(ar -> {
                if (attempt != liveAttempt || finished) {
                    return;
                }
                upstream = null;
                OpenAiError error = EngineErrors.normalise(status, ar.succeeded() ? ar.result() : null);
                if (status >= 500) {
                    attemptFailed(error, "engine answered " + status);
                } else if (status == 404 && continuesResponse()) {
                    askAnotherEngine(error);
                } else {
                    endAttempt(AttemptOutcome.SUCCEEDED, null);
                    sendError(error, "client_error");
                }
            });
            return;
        }
        if (request.stream()) {
            relayStream(response, attempt);
        } else {
            readBody(response).onComplete(ar -> {
                if (attempt != liveAttempt || finished) {
                    return;
                }
                if (ar.failed()) {
                    attemptFailed(OpenAiError.upstreamUnavailable(describe(ar.cause())), "body failed");
                    return;
                }
                upstream = null;
                clock.received(System.nanoTime());
                engine.progressed();
                Buffer body = ar.result();
                Usage usage = UsageScanner.find(body, 0, body.length());
                if (request.endpoint() == ApiEndpoint.RESPONSES) {
                    noteStoredResponse(ResponseIds.find(body, 0, body.length()));
                }
                endAttempt(AttemptOutcome.SUCCEEDED, usage);
                writeHead(response.getHeader(HttpHeaders.CONTENT_TYPE));
                clientFirstByteNanos = System.nanoTime();
                downstream.end(body);
                complete(200, "ok", usage);
            });
        }
    }

    /**
     * The whole response body. Each chunk is already the connection's own copy of the bytes, so the first one is kept
     * and grows: a body that comes in one read (the usual case) is not copied again, as {@code response.body()} would.
     */
    private static Future<Buffer> readBody(HttpClientResponse response) {
        Promise<Buffer> result = Promise.promise();
        Buffer[] body = {null};
        response.handler(chunk -> body[0] = body[0] == null ? chunk : body[0].appendBuffer(chunk));
        response.exceptionHandler(result::tryFail);
        response.endHandler(v -> result.tryComplete(body[0] == null ? Buffer.buffer(0) : body[0]));
        return result.future();
    }

    private void relayStream(HttpClientResponse response, int attempt) {
        relay = new SseRelay(request.usageInjected(), request.endpoint().typedEvents(), this::onStreamEvents);
        response.handler(data -> {
            if (attempt != liveAttempt || finished) {
                return;
            }
            clock.received(System.nanoTime());
            engine.progressed();
            Buffer forward = relay.process(data);
            if (forward.length() == 0) {
                return;
            }
            if (!headersSent) {
                writeHead(response.getHeader(HttpHeaders.CONTENT_TYPE));
                clientFirstByteNanos = System.nanoTime();
            }
            if (relay.done()) {
                // [DONE] ends the stream: the last events and the end of the body go in one write.
                downstream.end(forward);
                streamDelivered(response);
                return;
            }
            downstream.write(forward);
            if (downstream.writeQueueFull()) {
                response.pause();
                downstream.drainHandler(v -> response.resume());
            }
        });
        response.exceptionHandler(error -> {
            if (attempt == liveAttempt && !finished) {
                streamBroken("The engine connection failed mid-stream: " + describe(error));
            }
        });
        response.endHandler(v -> {
            if (attempt != liveAttempt || finished) {
                return;
            }
            // A stream that reached its last event was complete before its end: this one was cut short.
            Buffer rest = relay.remainder();
            if (rest.length() > 0 && headersSent) {
                downstream.write(rest);
            }
            streamBroken(request.endpoint().typedEvents() ? "The engine ended the stream before response.completed."
                    : "The engine ended the stream without [DONE].");
        });
    }

    /**
     * The client has the whole stream, so the request is over. The engine's response normally ends in the same
     * read; one that does not within the idle timeout is reset, so it cannot hold its pooled connection for good.
     */
    private void streamDelivered(HttpClientResponse response) {
        HttpClientRequest engineRequest = upstream;
        if (relay.responseId() != null) {
            noteStoredResponse(relay.responseId());
        }
        endAttempt(AttemptOutcome.SUCCEEDED, relay.usage());
        complete(200, relay.sawError() ? "stream_error" : "ok", relay.usage());
        Timeout lingering = deps.deadlines().schedule(deps.settings().idleTimeout().toNanos(), context,
                engineRequest::reset);
        response.endHandler(v -> lingering.cancel());
        response.exceptionHandler(e -> lingering.cancel());
    }

    /**
     * Remembers which engine answered a Responses API response the client asked to store (the API's default), so
     * that requests continuing it, and reads of it, go to the engine that may hold it.
     */
    private void noteStoredResponse(String responseId) {
        if (continuesResponse()) {
            // the engine that answered held the response continued, wherever the gateway believed it was
            deps.selector().responseStored(request.body().get("previous_response_id").textValue(), engine);
        }
        JsonNode store = request.body().get("store");
        if (responseId != null && (store == null || !store.isBoolean() || store.booleanValue())) {
            deps.selector().responseStored(responseId, engine);
        }
    }

    private void onStreamEvents(long nanos, int count) {
        long gap = lastEventNanos == 0 ? -1 : nanos - lastEventNanos;
        lastEventNanos = nanos;
        if (partial == null) {
            // Streams start relaying only after the engine is final (no retry once bytes flow).
            partial = new ExchangeSummary.Partial(requestId, request.endpoint(), request.model(), engine.id(),
                    apiKeyName);
        }
        List<ExchangeObserver> observers = deps.observers();
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).onStreamEvents(partial, gap, count);
        }
    }

    /** The engine failed after the stream had started; before any byte reached the client it is retryable. */
    private void streamBroken(String why) {
        if (!headersSent) {
            attemptFailed(OpenAiError.upstreamUnavailable(why), "stream broke before first byte");
            return;
        }
        endAttempt(AttemptOutcome.ENGINE_FAILED, null);
        abortUpstream();
        writeStreamError(new OpenAiError(502, why, "api_error", null, 502));
        complete(200, "stream_error", relay == null ? null : relay.usage());
    }

    /** The engine sent nothing in time: never retried (the time is spent and the engine may still be working). */
    private void timedOut(OpenAiError error) {
        endAttempt(AttemptOutcome.ENGINE_TIMEOUT, null);
        abortUpstream();
        fail(error, "timeout");
    }

    private void writeHead(String contentType) {
        headersSent = true;
        downstream.setStatusCode(200);
        downstream.putHeader("X-Request-Id", requestId);
        if (contentType != null) {
            downstream.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (request.stream()) {
            downstream.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            downstream.putHeader("X-Accel-Buffering", "no");
            downstream.setChunked(true);
        }
    }

    /** Whether this is a Responses API request continuing a stored response ({@code previous_response_id}). */
    private boolean continuesResponse() {
        return request.endpoint() == ApiEndpoint.RESPONSES && request.body().path("previous_response_id").isTextual();
    }

    /**
     * The engine does not hold the response this request continues: vLLM keeps stored responses per engine, and
     * this gateway may not know which (it restarted, or another replica relayed the response). Every engine serving
     * the model is asked in turn, whatever the retry limit (none of them failed), until one holds it or the routing
     * offers an engine already asked; then the 404 stands.
     */
    private void askAnotherEngine(OpenAiError notFound) {
        endAttempt(AttemptOutcome.SUCCEEDED, null);
        lastFailure = notFound;
        huntingStoredResponse = true;
        Engine asked = engine;
        RoutingRequest routing = attemptRouting;
        deps.observers().forEach(o -> o.onRetry(routing, asked, "response held elsewhere"));
        tryNextEngine();
    }

    /** The engine failed this attempt (connect, reset, 5xx, broken stream); retried while the client has nothing. */
    private void attemptFailed(OpenAiError error, String reason) {
        endAttempt(AttemptOutcome.ENGINE_FAILED, null);
        abortUpstream();
        lastFailure = error;
        if (finished) {
            return;
        }
        if (!headersSent && attempts <= deps.settings().maxRetries()) {
            Engine failed = engine;
            RoutingRequest routing = attemptRouting;
            deps.observers().forEach(o -> o.onRetry(routing, failed, reason));
            tryNextEngine();
            return;
        }
        fail(error, "engine_error");
    }

    private void fail(OpenAiError error, String outcome) {
        if (finished) {
            return;
        }
        endAttempt(AttemptOutcome.ABANDONED, null);
        if (headersSent) {
            writeStreamError(error);
            complete(200, "stream_error", relay == null ? null : relay.usage());
        } else {
            sendError(error, outcome);
        }
    }

    private void sendError(OpenAiError error, String outcome) {
        if (!downstream.ended() && !downstream.headWritten()) {
            downstream.setStatusCode(error.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("X-Request-Id", requestId);
            if (error.status() == 503 || error.status() == 429) {
                downstream.putHeader("Retry-After", Integer.toString(error.status() == 429 ? retryAfterSeconds : 1));
            }
            clientFirstByteNanos = System.nanoTime();
            downstream.end(error.toBuffer());
        }
        complete(error.status(), outcome, null);
    }

    private void writeStreamError(OpenAiError error) {
        if (downstream.ended()) {
            return;
        }
        if (request.endpoint().typedEvents()) {
            downstream.end(error.toResponseErrorEvent());
            return;
        }
        Buffer event = Buffer.buffer("data: ").appendBuffer(error.toBuffer()).appendString("\n\ndata: [DONE]\n\n");
        downstream.end(event);
    }

    private void onClientGone() {
        if (finished) {
            return;
        }
        endAttempt(AttemptOutcome.ABANDONED, null);
        abortUpstream();
        complete(499, "cancelled", relay == null ? null : relay.usage());
    }

    /** Resets the engine request: for HTTP/1.1 the connection is closed, which makes vLLM abort the request. */
    private void abortUpstream() {
        liveAttempt = 0;
        HttpClientRequest current = upstream;
        upstream = null;
        if (current != null) {
            current.reset();
        }
    }

    /** Ends the current attempt once (see attemptOver). */
    private void endAttempt(AttemptOutcome outcome, Usage usage) {
        if (engine != null && !released) {
            released = true;
            attemptOver(attemptRouting, engine, outcome, usage);
        }
    }

    /** The engine's in-flight count drops and observers learn how the attempt went. */
    private void attemptOver(RoutingRequest routing, Engine ended, AttemptOutcome outcome, Usage usage) {
        ended.requestEnded();
        deps.observers().forEach(o -> o.onAttemptEnded(routing, ended, outcome, usage));
    }

    private void complete(int status, String outcome, Usage usage) {
        if (finished) {
            return;
        }
        finished = true;
        endAttempt(AttemptOutcome.ABANDONED, null);
        if (admission != null) {
            admission.leave();
        }
        clock.stop();
        upstream = null;
        ExchangeSummary summary = new ExchangeSummary(requestId, request.endpoint(), request.model(),
                request.stream(), engine == null ? null : engine.id(), status, outcome, attempts, arrivalNanos,
                clock.sentNanos(), clock.firstByteNanos(), clientFirstByteNanos, System.nanoTime(),
                admission == null ? 0 : admission.waitedNanos(), usage, apiKeyName);
        deps.observers().forEach(o -> o.onFinished(summary));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
