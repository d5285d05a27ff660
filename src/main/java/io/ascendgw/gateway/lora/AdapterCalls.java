package io.ascendgw.gateway.lora;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineProbe;
import io.ascendgw.gateway.engine.ServedModels;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends adapter requests to one engine and re-reads its model list (through an {@link EngineProbe}, as the supervisor
 * reads it), on connection pools of their own so they never queue behind generation traffic. Non-blocking; callbacks
 * on a Vert.x event loop.
 */
final class AdapterCalls implements AutoCloseable {

    static final String LOAD = "/v1/load_lora_adapter";
    static final String UNLOAD = "/v1/unload_lora_adapter";

    /**
     * An engine's answer.
     *
     * @param engine the engine asked
     * @param status its HTTP status, or 0 when it could not be reached
     * @param body   its body, or the reason it could not be reached
     */
    record Reply(Engine engine, int status, Buffer body) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /**
         * The engine does not serve adapters at all: no runtime loading ({@code VLLM_ALLOW_RUNTIME_LORA_UPDATING}
         * unset, so the path is vLLM's 404) or no {@code --enable-lora}.
         */
        boolean declinesAdapters() {
            String text = body.toString();
            return status == 404 && text.contains("\"detail\"")
                    || status == 400 && text.contains("LoRA is not enabled");
        }

        /** vLLM's refusal of a name it already has. */
        boolean alreadyLoaded() {
            return status == 400 && body.toString().contains("has already been loaded");
        }
    }

    private final HttpClient client;
    private final EngineProbe probe;
    private final long timeoutMillis;
    private final String engineAuthorization;

    /**
     * @param timeoutMillis       how long an engine may take (loading an adapter from a hub can take a while)
     * @param engineAuthorization the engines' own key as {@code Authorization}, sent instead of the client's; or null
     */
    AdapterCalls(Vertx vertx, long timeoutMillis, String engineAuthorization) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(3)
                .setName("lora-adapters"), new PoolOptions().setHttp1MaxSize(4));
        this.probe = new EngineProbe(vertx, engineAuthorization);
        this.timeoutMillis = timeoutMillis;
        this.engineAuthorization = engineAuthorization;
    }

    /**
     * POSTs {@code body} to {@code path} of the engine with the client's {@code authorization} (or the engine key);
     * never fails (an unreachable engine is status 0).
     */
    Future<Reply> post(Engine engine, String path, Buffer body, String authorization, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json");
        String sent = engineAuthorization != null ? engineAuthorization : authorization;
        if (sent != null) {
            headers.set("Authorization", sent);
        }
        if (requestId != null) {
            headers.set("X-Request-Id", requestId);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(engine.endpoint().host())
                .setPort(engine.endpoint().port()).setURI(path).setHeaders(headers).setTimeout(timeoutMillis);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(answer -> new Reply(engine, response.statusCode(), answer)))
                .otherwise(failure -> new Reply(engine, 0, Buffer.buffer(String.valueOf(failure.getMessage()))));
    }

    /** The engine's model list now, so routing sees an adapter as soon as it is loaded or gone. */
    Future<ServedModels> models(Engine engine) {
        return probe.models(engine.endpoint(), timeoutMillis);
    }

    @Override
    public void close() {
        client.close();
        probe.close();
    }
}
