package io.ascendgw.gateway.lora;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.ascendgw.gateway.api.BodyReader;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.api.OpenAiException;
import io.ascendgw.gateway.api.RequestIds;
import io.ascendgw.gateway.proxy.InferenceProxy;
import io.ascendgw.gateway.proxy.ProxySettings;
import io.ascendgw.gateway.security.ApiKeyFilter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * vLLM's {@code POST /v1/load_lora_adapter} and {@code POST /v1/unload_lora_adapter} for the whole pool: the adapter
 * is loaded on (or unloaded from) every ready engine of its model, and the answer is vLLM's. Behind the API key like
 * every {@code /v1} path; the engines decide whether they allow it ({@code VLLM_ALLOW_RUNTIME_LORA_UPDATING}).
 * Event loop; never blocks.
 */
@ApplicationScoped
public class LoraRoutes {

    /** The paths served, both {@code POST}. */
    public static final List<String> PATHS = List.of(AdapterCalls.LOAD, AdapterCalls.UNLOAD);

    private final AdapterFanout fanout;
    private final InferenceProxy proxy;

    @Inject
    public LoraRoutes(AdapterFanout fanout, InferenceProxy proxy) {
        this.fanout = fanout;
        this.proxy = proxy;
    }

    void register(@Observes Router router) {
        router.post(AdapterCalls.LOAD).order(-100).handler(ctx -> handle(ctx, true));
        router.post(AdapterCalls.UNLOAD).order(-100).handler(ctx -> handle(ctx, false));
        for (String path : PATHS) {
            // any other method: OpenAI's 405 with Allow, not a 404 for a path the gateway serves
            router.route(path).order(-99).handler(ctx -> answer(ctx.response().putHeader(HttpHeaders.ALLOW, "POST"),
                    RequestIds.accept(ctx.request().getHeader("X-Request-Id")), Future.failedFuture(
                            new OpenAiException(OpenAiError.methodNotAllowed(ctx.request().method().name(), path,
                                    "POST")))));
        }
    }

    private void handle(RoutingContext ctx, boolean load) {
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.accept(request.getHeader("X-Request-Id"));
        // a gateway key is the gateway's business; an engine key (engines started with --api-key) goes through
        String authorization = ctx.get(ApiKeyFilter.KEY_NAME) != null ? null
                : request.getHeader(HttpHeaders.AUTHORIZATION);
        ProxySettings settings = proxy.settings();
        BodyReader.read(proxy.deadlines(), request, settings.maxBodyBytes(), settings.bodyTimeout().toMillis())
                .compose(body -> {
                    AdapterRequest parsed = AdapterRequest.parse(body, load);
                    return load ? fanout.load(parsed, authorization, requestId)
                            : fanout.unload(parsed, authorization, requestId);
                })
                .onComplete(ar -> answer(ctx.response(), requestId, ar));
    }

    private static void answer(HttpServerResponse response, String requestId, AsyncResult<String> ar) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader("X-Request-Id", requestId);
        if (ar.succeeded()) {
            // vLLM answers with the bare line, without a content type
            response.setStatusCode(200).end(Buffer.buffer(ar.result()));
            return;
        }
        OpenAiError error = ar.cause() instanceof OpenAiException e ? e.error()
                : OpenAiError.internal(String.valueOf(ar.cause().getMessage()));
        response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toBuffer());
    }
}
