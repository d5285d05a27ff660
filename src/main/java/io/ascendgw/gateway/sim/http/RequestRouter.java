package io.ascendgw.gateway.sim.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.images.ImageLoader;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Routes one event loop's requests: hung-HTTP fault, keep-alive bookkeeping, uvicorn's headers, the API key on
 * {@code /v1/*}, then the endpoint (404/405 in FastAPI's shape otherwise). One instance per event loop.
 */
final class RequestRouter implements Handler<HttpServerRequest> {

    private static final CharSequence SERVER = HttpHeaders.createOptimized("server");
    private static final CharSequence UVICORN = HttpHeaders.createOptimized("uvicorn");
    private static final CharSequence DATE = HttpHeaders.createOptimized("date");
    private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
    private static final String RESPONSE_PATH = "/v1/responses/";

    private final ServerContext ctx;
    private final Vertx vertx;
    private final KeepAliveTracker keepAlive;
    private final GenerationRoute generation;
    private final InfoRoutes info;
    private final TokenizerRoutes tokenizer;
    private final LoraRoutes loras;
    private final EmbeddingsRoute embeddings;
    private final ResponsesRoute responses;
    private final ScoreRoute scores;
    private final FaultControlRoute control;
    private final List<String> apiKeys;
    private final boolean logRequests;
    private final boolean requestIdHeaders;
    private long dateSecond = -1;
    private String dateValue = "";

    RequestRouter(ServerContext ctx, Vertx vertx, ObjectMapper mapper, ResponseStore responseStore) {
        this.ctx = ctx;
        this.vertx = vertx;
        this.keepAlive = new KeepAliveTracker(vertx, ctx.args().sim().keepAliveSeconds());
        MediaResolver media = new MediaResolver(ctx, new ErrorBodies(ctx.dialect()),
                new ImageLoader(vertx, ctx.args().vllm().vision()));
        this.generation = new GenerationRoute(ctx, mapper, media);
        this.info = new InfoRoutes(ctx);
        this.tokenizer = new TokenizerRoutes(ctx, mapper, media);
        this.loras = new LoraRoutes(ctx, mapper);
        this.embeddings = new EmbeddingsRoute(ctx, mapper);
        this.responses = new ResponsesRoute(ctx, mapper, responseStore, media);
        this.scores = new ScoreRoute(ctx, mapper);
        this.control = new FaultControlRoute(ctx, mapper);
        this.apiKeys = ctx.args().vllm().apiKeys();
        this.logRequests = ctx.args().logRequests();
        this.requestIdHeaders = ctx.args().vllm().enableRequestIdHeaders();
    }

    void connected(HttpConnection conn) {
        keepAlive.connected(conn);
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        HttpConnection conn = req.connection();
        keepAlive.requestStarted(conn);
        if (ctx.faults().httpHung() && !path.startsWith("/sim/")) {
            req.pause();
            return;
        }
        HttpServerResponse resp = req.response();
        resp.headers().add(DATE, date()).add(SERVER, UVICORN);
        if (requestIdHeaders) {
            String id = req.getHeader(X_REQUEST_ID);
            resp.headers().add(X_REQUEST_ID, id != null ? id : RequestIds.random());
        }
        boolean generationRoute = path.equals("/v1/chat/completions") || path.equals("/v1/completions")
                || path.equals("/v1/responses");
        if (generationRoute) {
            ctx.inFlight().incrementAndGet();
        }
        HttpMethod method = req.method();
        resp.endHandler(v -> ended(req, conn, path, method, generationRoute));
        if (!apiKeys.isEmpty() && path.startsWith("/v1") && method != HttpMethod.OPTIONS && !authorized(req)) {
            Responses.json(resp, 401, "{\"error\":\"Unauthorized\"}");
            return;
        }
        route(req, path, method);
    }

    private void route(HttpServerRequest req, String path, HttpMethod method) {
        boolean get = method == HttpMethod.GET;
        boolean post = method == HttpMethod.POST;
        switch (path) {
            case "/health" -> allow(req, get, () -> info.health(req));
            case "/ping" -> allow(req, get || post, () -> info.health(req));
            case "/version" -> allow(req, get, () -> info.version(req));
            case "/metrics" -> allow(req, get, () -> info.metrics(req));
            case "/v1/models" -> allow(req, get, () -> info.models(req));
            case "/v1/chat/completions" -> allow(req, post, () -> generation.handle(req, true));
            case "/v1/completions" -> allow(req, post, () -> generation.handle(req, false));
            case "/v1/embeddings" -> allow(req, post, () -> embeddings.handle(req, EmbeddingsRoute.Api.EMBEDDINGS));
            case "/pooling" -> allow(req, post, () -> embeddings.handle(req, EmbeddingsRoute.Api.POOLING));
            // no classification model is simulated: every engine refuses, as vLLM's do without one
            case "/classify" -> sinceV1(req, () -> allow(req, post, () -> embeddings.refuseClassification(req)));
            case "/score", "/v1/score" -> allow(req, post, () -> scores.score(req));
            case "/rerank", "/v1/rerank", "/v2/rerank" -> allow(req, post, () -> scores.rerank(req));
            case "/tokenize" -> allow(req, post, () -> tokenizer.tokenize(req));
            case "/detokenize" -> allow(req, post, () -> tokenizer.detokenize(req));
            case "/v1/load_lora_adapter" -> whenLoraUpdating(req, () -> allow(req, post, () -> loras.load(req)));
            case "/v1/unload_lora_adapter" -> whenLoraUpdating(req, () -> allow(req, post, () -> loras.unload(req)));
            case "/sim/faults" -> allow(req, post, () -> control.faults(req, vertx));
            case "/sim/state" -> allow(req, get, () -> control.state(req));
            // both came with V1 (0.8 and 0.10); 0.7.3 has neither
            case "/load" -> sinceV1(req, () -> allow(req, get, () -> info.load(req)));
            case "/v1/responses" -> sinceV1(req, () -> allow(req, post, () -> responses.create(req)));
            default -> {
                if (path.startsWith(RESPONSE_PATH) && path.length() > RESPONSE_PATH.length()) {
                    sinceV1(req, () -> responseById(req, path.substring(RESPONSE_PATH.length()), get, post));
                } else {
                    notFound(req);
                }
            }
        }
    }

    /** {@code GET /v1/responses/{id}} and {@code POST /v1/responses/{id}/cancel}. */
    private void responseById(HttpServerRequest req, String rest, boolean get, boolean post) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            allow(req, get, () -> responses.retrieve(req, rest));
        } else if (rest.substring(slash).equals("/cancel") && slash > 0) {
            allow(req, post, () -> responses.cancel(req, rest.substring(0, slash)));
        } else {
            notFound(req);
        }
    }

    private void sinceV1(HttpServerRequest req, Runnable handler) {
        if (ctx.dialect().legacy()) {
            notFound(req);
        } else {
            handler.run();
        }
    }

    /** The runtime LoRA endpoints exist only with {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING} set. */
    private void whenLoraUpdating(HttpServerRequest req, Runnable handler) {
        if (loras.enabled()) {
            handler.run();
        } else {
            notFound(req);
        }
    }

    private static void notFound(HttpServerRequest req) {
        Responses.json(req.response(), 404, "{\"detail\":\"Not Found\"}");
    }

    private static void allow(HttpServerRequest req, boolean allowed, Runnable handler) {
        if (allowed) {
            handler.run();
        } else {
            Responses.json(req.response(), 405, "{\"detail\":\"Method Not Allowed\"}");
        }
    }

    private boolean authorized(HttpServerRequest req) {
        String auth = req.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth == null || auth.length() < 7 || !auth.regionMatches(!ctx.dialect().legacy(), 0, "Bearer ", 0, 7)) {
            return false;
        }
        return apiKeys.contains(auth.substring(7));
    }

    private void ended(HttpServerRequest req, HttpConnection conn, String path, HttpMethod method, boolean gen) {
        keepAlive.requestEnded(conn);
        if (gen) {
            ctx.inFlight().decrementAndGet();
        }
        int status = req.response().getStatusCode();
        ctx.httpStats().record(path, method.name(), status);
        if (logRequests) {
            String client = conn.remoteAddress() == null ? "-" : conn.remoteAddress().hostAddress() + ":"
                    + conn.remoteAddress().port();
            ctx.log().access(client, method.name(), req.uri(), status,
                    HttpResponseStatus.valueOf(status).reasonPhrase());
        }
    }

    private String date() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateSecond = now;
            dateValue = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        }
        return dateValue;
    }
}
