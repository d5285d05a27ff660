package io.ascendgw.gateway.proxy;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.EngineSelector;
import io.quarkus.arc.ClientProxy;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/** Entry point of the relay: owns the pooled HTTP/1.1 clients to the engines and starts one exchange per request. */
@ApplicationScoped
public class InferenceProxy {

    private final ProxyContext context;
    private final StoredResponseRelay storedResponses;

    @Inject
    public InferenceProxy(Vertx vertx, GatewayConfig config, EngineSelector selector,
            Instance<ExchangeObserver> observers) {
        ProxySettings settings = ProxySettings.from(config.proxy(), config.security());
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, settings.upstreamKeepAlive().toSeconds()))
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setName("engine-client");
        UpstreamClients clients = new UpstreamClients(vertx, options, settings.maxConnectionsPerEngine());
        // Called per SSE event: go straight to the beans, not through their CDI client proxies.
        List<ExchangeObserver> direct = observers.stream().map(ClientProxy::unwrap).toList();
        this.context = new ProxyContext(vertx, new DeadlineTimer(), clients, selector, settings, direct);
        this.storedResponses = new StoredResponseRelay(context);
    }

    public ProxySettings settings() {
        return context.settings();
    }

    /** The timer wheel for request deadlines, shared with the body reader. */
    public DeadlineTimer deadlines() {
        return context.deadlines();
    }

    /**
     * Relays {@code request} to an engine and its answer to {@code response}. Event loop; returns at once.
     *
     * @param sessionKey  the {@code X-Session-Id} header or the {@code user} field, for session affinity
     * @param apiKeyName  the name of the caller's API key, or null
     * @param apiKeyWeight that key's weight in the admission queue (1 without API keys)
     */
    public void forward(HttpServerResponse response, MultiMap clientHeaders, InferenceRequest request,
            String requestId, String sessionKey, String apiKeyName, double apiKeyWeight, long arrivalNanos) {
        new ProxyExchange(context, response, clientHeaders, request, requestId, sessionKey, apiKeyName, apiKeyWeight,
                arrivalNanos).start();
    }

    /**
     * Relays a read ({@code GET}) or a cancel ({@code POST .../cancel}) of stored Responses API response
     * {@code responseId} to the engine that may hold it, asking the engine that answered it first, then the others of
     * {@code ready}. Event loop; returns at once.
     *
     * @param uri        the path and query to send
     * @param gatewayKey whether the caller authenticated with a gateway API key (engines never see it)
     */
    public void relayStoredResponse(HttpServerResponse response, MultiMap clientHeaders, HttpMethod method, String uri,
            String responseId, List<Engine> ready, String requestId, boolean gatewayKey) {
        storedResponses.relay(response, clientHeaders, method, uri, responseId, ready, requestId, gatewayKey);
    }

    /** Observers for requests that end before reaching the proxy (bad input), so they are counted and logged too. */
    public List<ExchangeObserver> observers() {
        return context.observers();
    }

    @PreDestroy
    void close() {
        context.clients().close();
        context.deadlines().close();
    }
}
