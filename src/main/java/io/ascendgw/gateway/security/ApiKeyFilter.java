package io.ascendgw.gateway.security;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.config.SecurityConfig;
import io.ascendgw.gateway.proxy.ExchangeObserver;
import io.ascendgw.gateway.proxy.ExchangeSummary;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards {@code /v1/*} and the tokenizer endpoints: checks the bearer API key (when keys are configured) and the key's limits before the body is
 * even read, so refused requests cost almost nothing. The key's name is left in the routing context for logs and
 * metrics. Also counts each finished request's tokens against its key, and applies a changed keys file without a
 * restart (which would reload every engine's model): new keys work, removed keys are refused, from the next request.
 */
@ApplicationScoped
public class ApiKeyFilter implements ExchangeObserver {

    /** Routing-context key holding the caller's API key name. */
    public static final String KEY_NAME = "gateway.api-key-name";
    /** The routing-context entry holding the caller's key's weight in the admission queue (a Double). */
    public static final String KEY_WEIGHT = "gateway.api-key-weight";

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private volatile KeyTable table;
    private final SecurityConfig config;
    private final Optional<String> metricsKey;
    private final String host;
    private KeysFileReloader reloader;
    private ScheduledExecutorService checker;

    @Inject
    public ApiKeyFilter(GatewayConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.config = config.security();
        List<ApiKey> configured = ApiKeyStore.configured(this.config);
        List<ApiKey> keys = new ArrayList<>(configured);
        this.config.keysFile().ifPresent(file -> {
            byte[] content = ApiKeyStore.readBytes(file);
            keys.addAll(ApiKeyStore.parse(file, content));
            reloader = new KeysFileReloader(file, configured, content);
        });
        this.table = KeyTable.of(new ApiKeyStore(keys), System.nanoTime());
        this.metricsKey = this.config.metricsKey().filter(k -> !k.isBlank());
        this.host = host;
    }

    void onStart(@Observes StartupEvent event) {
        ApiKeyStore store = table.store();
        if (store.enabled()) {
            LOG.infof("API keys required on /v1 and %s: %d key(s) configured", String.join(", ", outsideV1()),
                    store.keys().size());
        } else if (!isLoopback(host)) {
            LOG.warnf("!!! NO API KEYS: the OpenAI endpoints on %s are open to anyone who can reach this address."
                    + " Configure gateway.security.keys (or keys-file), or listen on 127.0.0.1.", host);
        }
        long interval = config.keysFileCheckInterval().toMillis();
        if (reloader != null && interval > 0) {
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "keys-file-check");
                thread.setDaemon(true);
                return thread;
            });
            checker.scheduleWithFixedDelay(this::checkKeysFile, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** Applies a changed keys file, or says once why it cannot. Checker thread. */
    private void checkKeysFile() {
        try {
            KeyTable current = table;
            KeysFileReloader.Outcome outcome = reloader.check(current.store().enabled());
            Path file = config.keysFile().orElseThrow();
            if (outcome instanceof KeysFileReloader.Changed changed) {
                KeyTable next = current.with(changed.store(), System.nanoTime());
                table = next;
                LOG.infof("API keys reloaded from %s: %d key(s) in force (%s)", file, changed.store().keys().size(),
                        current.changesTo(next));
            } else if (outcome instanceof KeysFileReloader.Refused refused) {
                LOG.warnf("gateway.security.keys-file %s changed but is not used: %s. The %d key(s) in force stay.",
                        file, refused.reason(), current.store().keys().size());
            }
        } catch (RuntimeException e) {
            // the checker must survive anything, or the file would silently stop being read
            LOG.errorf("checking gateway.security.keys-file failed: %s", e.toString());
        }
    }

    /** The relayed engine endpoints that {@code /v1/*} does not cover ({@code /tokenize}, {@code /rerank} ...). */
    private static List<String> outsideV1() {
        return Arrays.stream(ApiEndpoint.values()).map(ApiEndpoint::path).filter(p -> !p.startsWith("/v1/")).toList();
    }

    void register(@Observes Router router) {
        // With a keys file, keys may appear later (the file is read again), so the check is always in place.
        if (table.store().enabled() || reloader != null) {
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
        KeyTable keys = table;
        if (!keys.store().enabled()) {
            ctx.next();
            return;
        }
        Optional<ApiKey> key = keys.store().authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            reject(ctx, new OpenAiError(401, "Incorrect or missing API key. Send 'Authorization: Bearer <key>'.",
                    "invalid_request_error", null, "invalid_api_key"), 0);
            return;
        }
        KeyLimiter limiter = keys.limiter(key.get().name());
        KeyLimiter.Refusal refusal = limiter.tryAcquire(System.nanoTime());
        if (refusal != null) {
            reject(ctx, new OpenAiError(429, "Rate limit reached for API key '" + key.get().name() + "' ("
                    + refusal.reason() + "); retry after " + refusal.retryAfterSeconds() + " s.", refusal.reason(),
                    null, "rate_limit_exceeded"), refusal.retryAfterSeconds());
            return;
        }
        ctx.put(KEY_NAME, key.get().name());
        ctx.put(KEY_WEIGHT, key.get().weight());
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
            KeyLimiter limiter = table.limiter(summary.apiKeyName());
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
