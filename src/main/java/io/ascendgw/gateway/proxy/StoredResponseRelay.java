package io.ascendgw.gateway.proxy;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.engine.Engine;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * {@code GET /v1/responses/{id}} and {@code POST /v1/responses/{id}/cancel}. vLLM keeps a response in the memory of
 * the engine that made it, so the engine that answered it through this gateway is asked first, then every other
 * ready engine (it may have been made before this gateway started); the first answer that is not a 404 is relayed,
 * else the last 404. Answers are small JSON bodies, relayed whole; errors in OpenAI's shape. Event loop.
 */
final class StoredResponseRelay {

    private final ProxyContext deps;

    StoredResponseRelay(ProxyContext deps) {
        this.deps = deps;
    }

    /** One lookup: the engines to ask, in order, and where the answer goes. */
    private record Lookup(HttpServerResponse downstream, MultiMap headers, HttpMethod method, String uri,
            List<Engine> engines) {
    }

    void relay(HttpServerResponse downstream, MultiMap clientHeaders, HttpMethod method, String uri, String responseId,
            List<Engine> ready, String requestId, boolean gatewayKey) {
        List<Engine> engines = new ArrayList<>(ready.size());
        String holder = deps.selector().engineHolding(responseId);
        ready.stream().filter(e -> e.id().equals(holder)).forEach(engines::add);
        ready.stream().filter(e -> !e.id().equals(holder)).forEach(engines::add);
        if (engines.isEmpty()) {
            answer(downstream, requestId, new OpenAiError(503, "No engine is ready to look response '" + responseId
                    + "' up; try again shortly.", "service_unavailable", null, "no_healthy_engine"));
            return;
        }
        ask(new Lookup(downstream, HopByHopHeaders.forEngine(clientHeaders, gatewayKey,
                deps.settings().engineAuthorization(), requestId), method, uri, engines), 0, null);
    }

    /** Asks engine {@code index}; {@code lastNotFound} is the latest 404 body, the answer if nobody knows the id. */
    private void ask(Lookup lookup, int index, Buffer lastNotFound) {
        String requestId = lookup.headers().get("X-Request-Id");
        if (index == lookup.engines().size()) {
            answer(lookup.downstream(), requestId, lastNotFound != null ? EngineErrors.normalise(404, lastNotFound)
                    : OpenAiError.upstreamUnavailable("No engine could be reached to look the response up."));
            return;
        }
        Engine engine = lookup.engines().get(index);
        RequestOptions options = new RequestOptions().setMethod(lookup.method()).setHost(engine.endpoint().host())
                .setPort(engine.endpoint().port()).setURI(lookup.uri()).setHeaders(lookup.headers())
                .setConnectTimeout(deps.settings().connectTimeout().toMillis())
                .setIdleTimeout(deps.settings().idleTimeout().toMillis());
        deps.clients().current().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response, body)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ask(lookup, index + 1, lastNotFound);
                    } else if (ar.result().response().statusCode() == 404) {
                        ask(lookup, index + 1, ar.result().body());
                    } else {
                        relayAnswer(lookup.downstream(), requestId, ar.result());
                    }
                });
    }

    private record Answer(HttpClientResponse response, Buffer body) {
    }

    private static void relayAnswer(HttpServerResponse downstream, String requestId, Answer answer) {
        int status = answer.response().statusCode();
        if (status >= 400) {
            answer(downstream, requestId, EngineErrors.normalise(status, answer.body()));
            return;
        }
        if (downstream.ended() || downstream.closed()) {
            return;
        }
        String type = answer.response().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            downstream.putHeader(HttpHeaders.CONTENT_TYPE, type);
        }
        downstream.setStatusCode(status).putHeader("X-Request-Id", requestId).end(answer.body());
    }

    private static void answer(HttpServerResponse downstream, String requestId, OpenAiError error) {
        if (downstream.ended() || downstream.closed()) {
            return;
        }
        downstream.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("X-Request-Id", requestId).end(error.toBuffer());
    }
}
