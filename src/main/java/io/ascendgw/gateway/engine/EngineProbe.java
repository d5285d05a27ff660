package io.ascendgw.gateway.engine;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Asks an engine whether it is up ({@code GET /health}), what it serves ({@code GET /v1/models}) and which vLLM it
 * is ({@code GET /version}). Uses its own small connection pool so probes never queue behind generation traffic.
 * Non-blocking; callbacks run on a Vert.x event loop.
 */
public final class EngineProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The engine wants an API key the gateway does not send (or sends wrong). */
    public static final class KeyRequired extends IllegalStateException {
        KeyRequired() {
            super("/v1/models answered 401: the engine requires an API key (vLLM's --api-key or VLLM_API_KEY); set"
                    + " gateway.security.engine-key to it");
        }
    }

    private final HttpClient client;
    private final String authorization;

    /** @param authorization what engines get as {@code Authorization} (their {@code --api-key}), or null */
    public EngineProbe(Vertx vertx, String authorization) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(3)
                .setName("engine-probe"), new PoolOptions().setHttp1MaxSize(2));
        this.authorization = authorization;
    }

    /** The status of {@code GET /health}; fails on connection errors and after {@code timeoutMillis}. */
    public Future<Integer> health(EngineEndpoint endpoint, long timeoutMillis) {
        return client.request(get(endpoint, "/health", timeoutMillis))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode()));
    }

    /** The models the engine lists; fails unless it answers 200 with a model list. */
    public Future<ServedModels> models(EngineEndpoint endpoint, long timeoutMillis) {
        return client.request(get(endpoint, "/v1/models", timeoutMillis))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> {
                    if (resp.statusCode() == 401) {
                        throw new KeyRequired();
                    }
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("/v1/models answered " + resp.statusCode());
                    }
                    try {
                        return ServedModels.fromModelList(JSON.readTree(body.getBytes()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("/v1/models is not JSON: " + e.getMessage());
                    }
                }));
    }

    /**
     * The engine's version from {@code GET /version} ({@code {"version":"0.11.0"}}), or null when it does not tell
     * (another kind of server, a timeout); never fails, since the version is for people, not for routing.
     */
    public Future<String> version(EngineEndpoint endpoint, long timeoutMillis) {
        return client.request(get(endpoint, "/version", timeoutMillis))
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> {
                    if (resp.statusCode() != 200) {
                        return (String) null;
                    }
                    try {
                        JsonNode version = JSON.readTree(body.getBytes()).get("version");
                        return version != null && version.isTextual() ? version.textValue() : null;
                    } catch (IOException e) {
                        return null;
                    }
                }))
                .otherwise((String) null);
    }

    private RequestOptions get(EngineEndpoint endpoint, String path, long timeoutMillis) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(endpoint.host())
                .setPort(endpoint.port()).setURI(path).setConnectTimeout(timeoutMillis).setTimeout(timeoutMillis);
        return authorization == null ? options : options.putHeader("Authorization", authorization);
    }

    @Override
    public void close() {
        client.close();
    }
}
