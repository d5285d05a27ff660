package io.ascendgw.gateway.security;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.proxy.ExchangeObserver;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards {@code /v1/*} and the tokenizer endpoints: checks the bearer API key (when keys are configured) and the key's limits before the body is
 * even read, so refused requests cost almost nothing. The key's name is left in the routing context for logs and
 * metrics. Also counts each finished request's tokens against its key.
 */
@ApplicationScoped
public class ApiKeyFilter implements ExchangeObserver {

    /** Routing-context key holding the caller's API key name. */
    public static final String KEY_NAME = "gateway.api-key-name";

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final ApiKeyStore store;
    private final Map<String, KeyLimiter> limiters = new ConcurrentHashMap<>();
    private final Optional<String> metricsKey;
    private final String host;

    @Inject
    public ApiKeyFilter(GatewayConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.store = ApiKeyStore.from(config.security());
        long now = System.nanoTime();
        for (ApiKey key : store.keys()) {
            limiters.put(key.name(), new KeyLimiter(key, now));
        }
        this.metricsKey = config.security().metricsKey().filter(k -> !k.isBlank());
        this.host = host;
    }

    void onStart(@Observes StartupEvent event) {
        if (store.enabled()) {
            LOG.infof("API keys required on /v1 and %s: %d key(s) configured", String.join(", ", outsideV1()),
                    store.keys().size());
        } else if (!isLoopback(host)) {
            LOG.warnf("!!! NO API KEYS: the OpenAI endpoints on %s are open to anyone who can reach this address."
                    + " Configure gateway.security.keys (or keys-file), or listen on 127.0.0.1.", host);
        }
    }

    /** The relayed engine endpoints that {@code /v1/*} does not cover ({@code /tokenize}, {@code /rerank} ...). */
    private static List<String> outsideV1() {
        return Arrays.stream(ApiEndpoint.values()).map(ApiEndpoint::path).filter(p -> !p.startsWith("/v1/")).toList();
    }

    void register(@Observes Router router) {
        if (store.enabled()) {
            router.route("/v1/*").order(-150).handler(this::checkApiKey);
            // vLLM leaves its tokenizer and scoring paths open; behind a gateway with keys, nothing that reaches an
            // engine is.
            for (String path : outsideV1()) {
                router.route(path).order(-150).handler(this::checkApiKey);
            }
        }
        if (metricsKey.isPresent()) {
            router.route("/metrics").order(-150).handler(this::checkMetricsKey);
            router.route("/q/metrics").order(-150).handler(this::checkMetricsKey);
        }
    }

    private void checkApiKey(RoutingContext ctx) {
        if (!store.enabled()) {
            ctx.next();
            return;
        }
        Optional<ApiKey> key = store.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            reject(ctx, new OpenAiError(401, "Incorrect or missing API key. Send 'Authorization: Bearer <key>'.",
                    "invalid_request_error", null, "invalid_api_key"), 0);
            return;
        }
        KeyLimiter limiter = limiters.get(key.get().name());
        KeyLimiter.Refusal refusal = limiter.tryAcquire(System.nanoTime());
        if (refusal != null) {
            reject(ctx, new OpenAiError(429, "Rate limit reached for API key '" + key.get().name() + "' ("
                    + refusal.reason() + "); retry after " + refusal.retryAfterSeconds() + " s.", refusal.reason(),
                    null, "rate_limit_exceeded"), refusal.retryAfterSeconds());
            return;
        }
        ctx.put(KEY_NAME, key.get().name());
        ctx.addEndHandler(done -> limiter.release());
        ctx.next();
    }

    private void checkMetricsKey(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        byte[] expected = ApiKeyStore.sha256(metricsKey.get());
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? ApiKeyStore.sha256(header.substring(7).trim()) : new byte[32];
        if (java.security.MessageDigest.isEqual(expected, given)) {
            ctx.next();
        } else {
            reject(ctx, new OpenAiError(401, "/metrics needs 'Authorization: Bearer <metrics key>'.",
                    "invalid_request_error", null, "invalid_api_key"), 0);
        }
    }

    @Override
    public void onFinished(ExchangeSummary summary) {
        if (summary.apiKeyName() != null && summary.usage() != null) {
            KeyLimiter limiter = limiters.get(summary.apiKeyName());
            if (limiter != null) {
                limiter.charge(System.nanoTime(), summary.usage().promptTokens() + summary.usage().completionTokens());
            }
        }
    }

    private static void reject(RoutingContext ctx, OpenAiError error, long retryAfterSeconds) {
        var response = ctx.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.end(error.toBuffer());
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
