package io.ascendgw.gateway.engine;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * Watches a configured upstream (an engine or gateway the gateway does not launch): it is ready while it answers
 * {@code /health} and lists models, and leaves rotation when {@code /health} fails for longer than allowed. Runs on
 * the lifecycle thread.
 */
final class UpstreamWatcher {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.engine");
    private static final int VERSION_ATTEMPTS = 3;

    private final SupervisorContext ctx;
    private final Engine engine;
    private ScheduledFuture<?> task;
    private boolean probing;
    /** A {@code GET /version} is on its way; how many were asked since the upstream last became ready. */
    private boolean askingVersion;
    private int versionAttempts;
    /** Whether the operator has been told the upstream is not (or no longer) in rotation; reset when it is. */
    private boolean outReported;
    private long lastHealthyNanos = System.nanoTime();

    UpstreamWatcher(SupervisorContext ctx, Engine engine) {
        this.ctx = ctx;
        this.engine = engine;
    }

    /**
     * The engine for entry {@code index} of {@code gateway.upstreams}: a plain-HTTP base URL, optionally ending in
     * {@code /v1} as OpenAI clients' base URLs do, since the gateway calls {@code /v1/...} and {@code /health} on it.
     */
    static Engine engineFor(int index, URI uri) {
        String entry = "gateway.upstreams entry '" + uri + "'";
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new GatewayConfigException(entry + " must be a URL like http://host:8000 (plain HTTP)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/v1") && !path.equals("/v1/")) {
            throw new GatewayConfigException(entry + " has a path; the gateway calls /v1/... and /health on the"
                    + " server, so give its base URL, like http://host:8000");
        }
        return upstreamEngine("upstream-" + index, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
    }

    /** An engine the gateway does not launch, in the {@code upstreams} pool. */
    static Engine upstreamEngine(String id, String host, int port) {
        return new Engine(id, "upstreams", new EngineEndpoint(host, port), List.of(), false, Set.of());
    }

    Engine engine() {
        return engine;
    }

    void start() {
        long interval = ctx.settings().healthInterval().toMillis();
        task = ctx.lifecycle().scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void poll() {
        if (probing) {
            return;
        }
        probing = true;
        long timeout = ctx.settings().healthTimeout().toMillis();
        EngineEndpoint endpoint = engine.endpoint();
        ctx.probe().health(endpoint, timeout)
                .compose(status -> status == 200 ? ctx.probe().models(endpoint, timeout)
                        : io.vertx.core.Future.failedFuture("/health answered " + status))
                .onComplete(ar -> ctx.lifecycle().execute(() -> {
                    probing = false;
                    if (ar.succeeded() && !ar.result().ids().isEmpty()) {
                        healthy(ar.result());
                    } else {
                        unhealthy(ar.succeeded() ? "lists no model" : ar.cause().getMessage());
                    }
                }));
    }

    private void healthy(ServedModels models) {
        lastHealthyNanos = System.nanoTime();
        outReported = false;
        EngineState before = engine.state();
        if (before instanceof EngineState.Ready && !models.ids().equals(engine.models().ids())) {
            LOG.infof("upstream %s now serves %s", engine.id(), models.ids());
        }
        engine.models(models);
        EngineState after = engine.transition(s -> s instanceof EngineState.Starting st ? st.toReady(Instant.now())
                : s);
        if (before != after) {
            LOG.infof("upstream %s (%s) ready: models=%s", engine.id(), engine.endpoint(), models.ids());
            ctx.listeners().forEach(l -> l.onStateChange(engine, before, after));
            versionAttempts = 0;
        }
        askVersion();
    }

    /**
     * Asks the version of a ready upstream until it is known, a few times at most per readiness (a busy server may
     * time out; a server without {@code /version} never tells), not on every health probe: it is for people, not for
     * routing.
     */
    private void askVersion() {
        if (engine.version() != null || askingVersion || versionAttempts >= VERSION_ATTEMPTS) {
            return;
        }
        askingVersion = true;
        versionAttempts++;
        ctx.probe().version(engine.endpoint(), ctx.settings().healthTimeout().toMillis()).onComplete(ar -> {
            askingVersion = false;
            if (ar.succeeded() && ar.result() != null) {
                engine.version(ar.result());
            }
        });
    }

    private void unhealthy(String why) {
        if (!(engine.state() instanceof EngineState.Ready)) {
            if (!outReported) {
                // Once, so an upstream that is down or mistyped from the start does not stay silent.
                outReported = true;
                LOG.infof("upstream %s (%s) not ready yet: %s; checking every %d ms", engine.id(),
                        engine.endpoint(), why, ctx.settings().healthInterval().toMillis());
            }
            return;
        }
        long unhealthyFor = System.nanoTime() - lastHealthyNanos;
        if (unhealthyFor < ctx.settings().unhealthyAfter().toNanos()) {
            return;
        }
        outReported = true;
        EngineState before = engine.state();
        EngineState after = engine.transition(s -> s instanceof EngineState.Ready r
                ? r.toBackoff(Instant.now(), Duration.ZERO, why).toStarting(Instant.now()) : s);
        LOG.warnf("upstream %s (%s) out of rotation: %s", engine.id(), engine.endpoint(), why);
        ctx.listeners().forEach(l -> l.onStateChange(engine, before, after));
    }
}
