package io.ascendgw.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.ascendgw.gateway.proxy.InferenceProxy;
import io.ascendgw.gateway.proxy.ProxySettings;
import io.ascendgw.gateway.security.ApiKeyFilter;
import io.ascendgw.gateway.security.MediaUrlPolicy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI endpoints, as plain Vert.x routes so the hot path stays on the event loop and bodies are relayed as
 * bytes: every {@link ApiEndpoint} ({@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/responses},
 * {@code /v1/embeddings}, vLLM's score, rerank and tokenizer paths), {@code GET /v1/responses/{id}} and its
 * {@code /cancel}, {@code GET /v1/models}, and vLLM's {@code GET /version}, {@code GET /health} and {@code /ping}; and
 * OpenAI-style errors for requests that match no route.
 */
@ApplicationScoped
public class OpenAiRoutes {

    /** Bodies this large (about a millisecond of JSON parsing) are parsed on a worker thread. */
    static final int WORKER_PARSE_BYTES = 1 << 20;

    private final InferenceProxy proxy;
    private final ModelCatalog catalog;
    private final EngineRegistry registry;
    private final MediaUrlPolicy mediaUrls;

    @Inject
    public OpenAiRoutes(InferenceProxy proxy, ModelCatalog catalog, EngineRegistry registry, GatewayConfig config) {
        this.proxy = proxy;
        this.catalog = catalog;
        this.registry = registry;
        this.mediaUrls = MediaUrlPolicy.from(config.security());
    }

    void register(@Observes Router router) {
        Map<String, String> allowed = new LinkedHashMap<>();
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            router.post(endpoint.path()).order(-100).handler(ctx -> generate(ctx, endpoint));
            allowed.put(endpoint.path(), "POST");
        }
        // Stored Responses API responses live in the engine that made them; the proxy finds that engine.
        router.get("/v1/responses/:id").order(-100).handler(ctx -> storedResponse(ctx, HttpMethod.GET));
        router.post("/v1/responses/:id/cancel").order(-100).handler(ctx -> storedResponse(ctx, HttpMethod.POST));
        // HEAD too, as vLLM's server (Starlette) answers it for every GET route: curl -I, load-balancer probes.
        router.route("/v1/models").method(HttpMethod.GET).method(HttpMethod.HEAD).order(-100).handler(this::models);
        router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).order(-100).handler(this::health);
        // vLLM's /ping (SageMaker's health check) is /health under another name, for GET and POST.
        router.route("/ping").method(HttpMethod.GET).method(HttpMethod.HEAD).method(HttpMethod.POST).order(-100)
                .handler(this::health);
        router.route("/version").method(HttpMethod.GET).method(HttpMethod.HEAD).order(-100).handler(this::version);
        allowed.put("/v1/models", "GET, HEAD");
        allowed.put("/health", "GET, HEAD");
        allowed.put("/version", "GET, HEAD");
        allowed.put("/ping", "GET, HEAD, POST");
        Map<String, String> served = Map.copyOf(allowed);
        router.errorHandler(404, ctx -> unmatched(ctx, served));
    }

    /**
     * A request no route took: an OpenAI-style 405 when only the method is wrong, else a 404, where Vert.x would
     * answer with an HTML page that OpenAI clients cannot parse.
     */
    private static void unmatched(RoutingContext ctx, Map<String, String> allowedByPath) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        String allowed = allowedByPath.get(path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path);
        OpenAiError error = allowed != null
                ? OpenAiError.methodNotAllowed(request.method().name(), path, allowed)
                : OpenAiError.invalidUrl(request.method().name(), path, allowedByPath.keySet().stream()
                        .filter(p -> p.startsWith("/v1/")).sorted().toList());
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (allowed != null) {
            response.putHeader(HttpHeaders.ALLOW, allowed);
        }
        response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toBuffer());
    }

    private void generate(RoutingContext ctx, ApiEndpoint endpoint) {
        long arrival = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.accept(request.getHeader("X-Request-Id"));
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            reject(ctx, endpoint, requestId, arrival, null, OpenAiError.unsupportedMediaType(contentType));
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            // Like vLLM, the gateway does not inflate bodies; say so rather than call compressed bytes bad JSON.
            reject(ctx, endpoint, requestId, arrival, null, OpenAiError.unsupportedContentEncoding(encoding));
            return;
        }
        ProxySettings settings = proxy.settings();
        BodyReader.read(proxy.deadlines(), request, settings.maxBodyBytes(), settings.bodyTimeout().toMillis())
                .onComplete(read -> {
                    if (read.failed()) {
                        reject(ctx, endpoint, requestId, arrival, null, asError(read.cause()));
                        return;
                    }
                    parse(ctx, endpoint, read.result(), settings.maxN()).onComplete(parsed -> {
                        if (parsed.succeeded()) {
                            route(ctx, parsed.result(), requestId, arrival);
                        } else {
                            reject(ctx, endpoint, requestId, arrival, null, asError(parsed.cause()));
                        }
                    });
                });
    }

    /**
     * Parses on the event loop, or on a worker thread for a body of {@link #WORKER_PARSE_BYTES} or more (an inline
     * picture: milliseconds of parsing the event loop would otherwise take from the streams it relays).
     */
    private static Future<InferenceRequest> parse(RoutingContext ctx, ApiEndpoint endpoint, Buffer body, int maxN) {
        if (body.length() >= WORKER_PARSE_BYTES) {
            return ctx.vertx().executeBlocking(() -> RequestParser.parse(endpoint, body, maxN), false);
        }
        try {
            return Future.succeededFuture(RequestParser.parse(endpoint, body, maxN));
        } catch (OpenAiException e) {
            return Future.failedFuture(e);
        }
    }

    private void route(RoutingContext ctx, InferenceRequest parsed, String requestId, long arrival) {
        try {
            mediaUrls.check(parsed);
        } catch (OpenAiException e) {
            reject(ctx, parsed.endpoint(), requestId, arrival, parsed.model(), e.error());
            return;
        }
        if (parsed.model() == null) {
            Optional<String> fallback = catalog.defaultModel();
            if (fallback.isEmpty()) {
                reject(ctx, parsed.endpoint(), requestId, arrival, null, OpenAiError.noEngine("(default)"));
                return;
            }
            parsed = parsed.withModel(fallback.get());
        }
        switch (catalog.availability(parsed.model())) {
            case UNKNOWN -> reject(ctx, parsed.endpoint(), requestId, arrival, parsed.model(),
                    OpenAiError.modelNotFound(parsed.model()));
            case NOT_READY, NO_ENGINES -> reject(ctx, parsed.endpoint(), requestId, arrival, parsed.model(),
                    OpenAiError.noEngine(parsed.model()));
            case READY -> {
                if (parsed.stream() && !parsed.usageRequested() && !parsed.endpoint().typedEvents()) {
                    // Ask the engine for the usage chunk so the gateway can count stream tokens; the relay drops it.
                    parsed = parsed.withUsageForced();
                }
                String session = ctx.request().getHeader("X-Session-Id");
                Double weight = ctx.get(ApiKeyFilter.KEY_WEIGHT);
                proxy.forward(ctx.response(), ctx.request().headers(), parsed, requestId,
                        session != null ? session : parsed.user(), ctx.get(ApiKeyFilter.KEY_NAME),
                        weight == null ? 1.0 : weight, arrival);
            }
        }
    }

    private void storedResponse(RoutingContext ctx, HttpMethod method) {
        HttpServerRequest request = ctx.request();
        List<Engine> ready = registry.all().stream().filter(Engine::routable).toList();
        proxy.relayStoredResponse(ctx.response(), request.headers(), method, request.uri(), ctx.pathParam("id"), ready,
                RequestIds.accept(request.getHeader("X-Request-Id")), ctx.get(ApiKeyFilter.KEY_NAME) != null);
    }

    private void models(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(catalog.modelList().toString());
    }

    /**
     * vLLM's {@code /version}: what the ready engines report (the most common version should a fleet mix them), so
     * a client asking which vLLM it talks to gets the engines' answer, not the gateway's.
     */
    private void version(RoutingContext ctx) {
        Map<String, Long> counts = registry.all().stream().filter(e -> e.routable() && e.version() != null)
                .collect(Collectors.groupingBy(Engine::version, TreeMap::new, Collectors.counting()));
        Optional<String> version = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (version.isEmpty()) {
            OpenAiError error = new OpenAiError(503, "No ready engine has reported its version yet; try again "
                    + "shortly.", "service_unavailable", null, "no_healthy_engine");
            response.setStatusCode(503).putHeader("Retry-After", "1").end(error.toBuffer());
            return;
        }
        response.end(new JsonObject().put("version", version.get()).toBuffer());
    }

    private void health(RoutingContext ctx) {
        ctx.response().setStatusCode(registry.anyRoutable() ? 200 : 503).end();
    }

    /** Answers a request that never reached an engine, and reports it like any other. */
    private void reject(RoutingContext ctx, ApiEndpoint endpoint, String requestId, long arrival, String model,
            OpenAiError error) {
        HttpServerResponse response = ctx.response();
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(error.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("X-Request-Id", requestId);
            if (error.status() == 503) {
                response.putHeader("Retry-After", "1");
            }
            if (error.status() == 413 || error.status() == 408) {
                // The rest of the body may still be on its way; closing is cheaper than draining it.
                response.putHeader(HttpHeaders.CONNECTION, "close");
            }
            response.end(error.toBuffer());
        }
        long now = System.nanoTime();
        ExchangeSummary summary = new ExchangeSummary(requestId, endpoint, model, false, null, error.status(),
                error.status() == 503 ? "no_engine" : "client_error", 0, arrival, 0, 0, now, now, 0, null,
                ctx.get(ApiKeyFilter.KEY_NAME));
        proxy.observers().forEach(o -> o.onFinished(summary));
    }

    private static OpenAiError asError(Throwable failure) {
        return failure instanceof OpenAiException e ? e.error()
                : OpenAiError.invalidRequest("The request body could not be read: " + failure.getMessage(), null);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
    }
}
