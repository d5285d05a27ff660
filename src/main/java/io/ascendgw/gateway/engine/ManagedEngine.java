package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

/**
 * Runs one engine through its lifecycle: launch, wait for {@code /health} and {@code /v1/models}, watch it, restart it
 * with backoff when it dies or stops answering, stop it on request. Every method runs on the lifecycle thread.
 */
final class ManagedEngine {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.engine");

    private final SupervisorContext ctx;
    private final Engine engine;
    private final RestartPolicy policy;
    private EngineSpec spec;
    private EngineProcess process;
    private int generation;
    private ScheduledFuture<?> pollTask;
    private Instant launchedAt;
    private long lastHealthyNanos;
    private boolean probeInFlight;
    /** The launch whose engine was found to want a key the gateway lacks (said once per launch). */
    private int keyRequiredReported = -1;
    private boolean modelsInFlight;
    private String killReason;
    private boolean stopRequested;
    private boolean restartRequested;
    private boolean cleanupPending;
    private boolean restartAfterDrain;
    private int drainToken;
    private final List<CompletableFuture<EngineState>> settleWaiters = new java.util.ArrayList<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    ManagedEngine(SupervisorContext ctx, Engine engine, EngineSpec spec) {
        this.ctx = ctx;
        this.engine = engine;
        this.spec = spec;
        this.policy = ctx.settings().newRestartPolicy();
    }

    Engine engine() {
        return engine;
    }

    EngineSpec spec() {
        return spec;
    }

    Optional<EngineProcess> process() {
        return Optional.ofNullable(process);
    }

    /** Completes when the engine has stopped on request (drain, scale-down, shutdown). */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    void launch() {
        if (stopRequested) {
            return;
        }
        int launchGeneration = ++generation;
        ctx.blocking().execute(() -> {
            try {
                EngineSpec placed = placeOnFreePort(spec);
                EngineProcess started = ctx.launcher().launch(placed);
                ctx.lifecycle().execute(() -> onLaunched(launchGeneration, placed, started));
            } catch (Exception e) {
                ctx.lifecycle().execute(() -> onLaunchFailed(launchGeneration, e));
            }
        });
    }

    /** vLLM would share a taken port silently (SO_REUSEPORT), so a taken port is swapped for a free one. */
    private EngineSpec placeOnFreePort(EngineSpec current) {
        if (PortAllocator.isFree(current.host(), current.port())) {
            return current;
        }
        int port = ctx.ports().allocate(current.host(), current.port() + 1);
        ctx.ports().release(current.port());
        LOG.warnf("engine %s: port %d is taken by another process; using %d instead", current.id(), current.port(),
                port);
        return current.withPort(port);
    }

    private void onLaunched(int launchGeneration, EngineSpec placed, EngineProcess started) {
        if (launchGeneration != generation) {
            return;
        }
        spec = placed;
        engine.moveTo(new EngineEndpoint(placed.host(), placed.port()));
        process = started;
        launchedAt = Instant.now();
        killReason = null;
        engine.telemetry().reset();
        ctx.stateFile().put(new StateFile.Entry(engine.id(), started.pid(),
                started instanceof OsEngineProcess os ? os.sessionId() : -1, started.startedAt().toEpochMilli()));
        engine.process(facts -> facts.launched(started.pid(), started.startedAt()));
        LOG.infof("engine %s started: pid=%d devices=%s port=%d", engine.id(), started.pid(), placed.devices(),
                placed.port());
        ctx.listeners().forEach(l -> l.onLaunched(engine, started.pid()));
        started.onExit().whenComplete((code, error) -> ctx.lifecycle()
                .execute(() -> onExit(launchGeneration, code == null ? -1 : code)));
        if (stopRequested) {
            stopProcess();
            return;
        }
        long interval = ctx.settings().healthInterval().toMillis();
        pollTask = ctx.lifecycle().scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void onLaunchFailed(int launchGeneration, Exception e) {
        if (launchGeneration != generation) {
            return;
        }
        LOG.errorf("engine %s could not be launched: %s", engine.id(), e.getMessage());
        scheduleRestart("launch failed: " + e.getMessage());
    }

    private void poll() {
        if (probeInFlight || process == null) {
            return;
        }
        EngineState state = engine.state();
        if (state instanceof EngineState.Starting) {
            pollStarting();
        } else if (state instanceof EngineState.Ready || state instanceof EngineState.Draining) {
            pollRunning(state);
        }
    }

    private void pollStarting() {
        if (Duration.between(launchedAt, Instant.now()).compareTo(spec.startupTimeout()) > 0) {
            kill("missed its startup deadline of " + spec.startupTimeout());
            return;
        }
        int pollGeneration = generation;
        long timeout = ctx.settings().healthTimeout().toMillis();
        probeInFlight = true;
        EngineEndpoint endpoint = engine.endpoint();
        ctx.probe().health(endpoint, timeout)
                .compose(status -> status == 200 ? ctx.probe().models(endpoint, timeout)
                        : io.vertx.core.Future.failedFuture("health " + status))
                .compose(models -> ctx.probe().version(endpoint, timeout).map(version -> {
                    engine.version(version);
                    return models;
                }))
                .onComplete(ar -> ctx.lifecycle().execute(() -> {
                    probeInFlight = false;
                    if (pollGeneration != generation || !(engine.state() instanceof EngineState.Starting)) {
                        return;
                    }
                    if (ar.succeeded()) {
                        onModels(ar.result());
                    } else if (ar.cause() instanceof EngineProbe.KeyRequired && keyRequiredReported != generation) {
                        // Otherwise it would sit in "starting" until its startup deadline, then restart, silently.
                        keyRequiredReported = generation;
                        LOG.warnf("engine %s is up but %s", engine.id(), ar.cause().getMessage());
                    }
                }));
    }

    /** The name the launched engine answers to first: its first served name, else its model. */
    private String primaryModel() {
        return spec.servedModels().isEmpty() ? spec.model() : spec.servedModels().get(0);
    }

    private void onModels(ServedModels models) {
        if (!models.serves(primaryModel())) {
            // Not the engine we launched (another one answers on this port) or not loaded yet.
            LOG.warnf("engine %s answers on port %d but lists %s, not %s", engine.id(), spec.port(), models.ids(),
                    primaryModel());
            return;
        }
        engine.models(models);
        lastHealthyNanos = System.nanoTime();
        double startup = Duration.between(launchedAt, Instant.now()).toMillis() / 1000.0;
        engine.process(facts -> facts.ready(Instant.now()));
        transition(s -> s instanceof EngineState.Starting st ? st.toReady(Instant.now()) : s);
        policy.onHealthy();
        LOG.infof("engine %s ready in %.1fs: pid=%d port=%d models=%s version=%s", engine.id(), startup,
                process.pid(), spec.port(), models.ids(), engine.version() == null ? "unknown" : engine.version());
        ctx.listeners().forEach(l -> l.onReady(engine, startup));
    }

    private void pollRunning(EngineState state) {
        int pollGeneration = generation;
        probeInFlight = true;
        ctx.probe().health(engine.endpoint(), ctx.settings().healthTimeout().toMillis())
                .onComplete(ar -> ctx.lifecycle().execute(() -> {
                    probeInFlight = false;
                    if (pollGeneration != generation) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (ar.succeeded() && ar.result() == 200) {
                        lastHealthyNanos = now;
                        refreshModels(pollGeneration);
                        return;
                    }
                    long unhealthyFor = now - lastHealthyNanos;
                    if (unhealthyFor >= ctx.settings().unhealthyAfter().toNanos() && killReason == null) {
                        String why = ar.succeeded() ? "/health answered " + ar.result() : "/health failed: "
                                + ar.cause().getMessage();
                        kill("unhealthy for " + TimeUnit.NANOSECONDS.toSeconds(unhealthyFor) + "s (" + why + ")");
                    }
                }));
        if (state instanceof EngineState.Draining && engine.inFlight() == 0 && !stopRequested
                && !restartRequested) {
            finishDrain();
        }
        checkStall();
    }

    /**
     * Re-reads what a running engine serves: LoRA adapters come and go at run time ({@code /v1/load_lora_adapter}),
     * and requests for one may only go to engines that list it. A failed read changes nothing.
     */
    private void refreshModels(int pollGeneration) {
        if (modelsInFlight) {
            return;
        }
        modelsInFlight = true;
        ctx.probe().models(engine.endpoint(), ctx.settings().healthTimeout().toMillis())
                .onComplete(ar -> ctx.lifecycle().execute(() -> {
                    modelsInFlight = false;
                    if (pollGeneration != generation || ar.failed() || !ar.result().serves(primaryModel())) {
                        return;
                    }
                    if (!ar.result().ids().equals(engine.models().ids())) {
                        LOG.infof("engine %s now serves %s", engine.id(), ar.result().ids());
                    }
                    engine.models(ar.result());
                }));
    }

    /**
     * vLLM's {@code /health} stays 200 while its engine loop is hung, so progress is watched too: requests in flight,
     * yet no byte from the engine and no generated token in its own counters for the stall limit.
     */
    private void checkStall() {
        if (engine.inFlight() == 0 || killReason != null) {
            return;
        }
        long now = System.nanoTime();
        long limit = ctx.settings().stallAfter().toNanos();
        long sinceBytes = now - engine.lastProgressNanos();
        long sinceTokens = now - engine.telemetry().lastTokenProgressNanos();
        if (sinceBytes > limit && sinceTokens > limit) {
            kill("stalled: " + engine.inFlight() + " requests in flight but no byte and no generated token for "
                    + TimeUnit.NANOSECONDS.toSeconds(Math.min(sinceBytes, sinceTokens)) + "s");
        }
    }

    /** Takes the engine out of rotation and kills it; it is restarted like after a crash. */
    void kill(String reason) {
        if (process == null || killReason != null) {
            return;
        }
        killReason = reason;
        LOG.warnf("engine %s %s; killing pid %d", engine.id(), reason, process.pid());
        takeOutOfRotation(reason);
        stopProcess();
    }

    private void takeOutOfRotation(String reason) {
        transition(s -> {
            if (s instanceof EngineState.Ready ready) {
                return ready.toBackoff(Instant.now(), Duration.ZERO, reason);
            }
            return s;
        });
    }

    private void stopProcess() {
        EngineProcess current = process;
        if (current != null) {
            Duration grace = ctx.settings().stopGrace();
            ctx.blocking().execute(() -> current.stop(grace));
        }
    }

    private void onExit(int exitGeneration, int exitCode) {
        if (exitGeneration != generation) {
            return;
        }
        cancelPoll();
        EngineProcess exited = process;
        process = null;
        probeInFlight = false;
        engine.models(ServedModels.NONE);
        engine.process(facts -> facts.exited(exitCode));
        boolean expected = stopRequested || restartRequested;
        ctx.listeners().forEach(l -> l.onExit(engine, exitCode, expected));
        if (!expected) {
            // Out of rotation at once; in-flight requests fail over while the leftovers are cleaned up.
            takeOutOfRotation("exited with code " + exitCode);
        }
        // The main process is gone but vLLM's engine core and workers may not be: they hold NPU memory, so they are
        // stopped before anything is started on those NPUs again.
        Duration grace = ctx.settings().stopGrace();
        cleanupPending = true;
        ctx.blocking().execute(() -> {
            if (exited != null) {
                exited.stop(grace);
            }
            ctx.lifecycle().execute(() -> afterExit(exitGeneration, exited, exitCode));
        });
    }

    private void afterExit(int exitGeneration, EngineProcess exited, int exitCode) {
        cleanupPending = false;
        if (exitGeneration != generation) {
            return;
        }
        ctx.stateFile().remove(engine.id());
        long pid = exited == null ? -1 : exited.pid();
        if (stopRequested) {
            LOG.infof("engine %s stopped: pid=%d exit code %d", engine.id(), pid, exitCode);
            transition(Transitions::toStopped);
            stopped.complete(null);
            return;
        }
        if (restartRequested) {
            restartRequested = false;
            LOG.infof("engine %s stopped for restart: pid=%d exit code %d", engine.id(), pid, exitCode);
            policy.reset();
            relaunchNow();
            return;
        }
        String why = killReason != null ? killReason : "exited unexpectedly";
        LOG.errorf("engine %s died: pid=%d exit code %d (%s)", engine.id(), pid, exitCode, why);
        scheduleRestart("exit code " + exitCode + " (" + why + ")");
    }

    private void scheduleRestart(String reason) {
        Optional<Duration> delay = policy.onFailure(Instant.now());
        if (delay.isEmpty()) {
            String message = "crash loop: " + policy.recentFailures() + " failures within "
                    + ctx.settings().crashLoopWindow() + "; last: " + reason;
            transition(s -> Transitions.toFailed(s, message));
            LOG.errorf("ENGINE %s FAILED and will not be restarted (%s). The rest of the pool keeps serving;"
                    + " restart it through the admin API once the cause is fixed.", engine.id(), message);
            ctx.listeners().forEach(l -> l.onCrashLoop(engine));
            return;
        }
        transition(s -> Transitions.toBackoff(s, delay.get(), reason));
        engine.process(ProcessFacts::restarted);
        LOG.infof("engine %s restarting in %.1fs (restart %d)", engine.id(), delay.get().toMillis() / 1000.0,
                engine.process().restarts());
        ctx.lifecycle().schedule(this::relaunchIfBackingOff, delay.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void relaunchIfBackingOff() {
        if (engine.state() instanceof EngineState.Backoff && !stopRequested) {
            transition(s -> s instanceof EngineState.Backoff b ? b.toStarting(Instant.now()) : s);
            launch();
        }
    }

    private void relaunchNow() {
        transition(s -> {
            if (s instanceof EngineState.Backoff b) {
                return b.toStarting(Instant.now());
            }
            if (s instanceof EngineState.Failed f) {
                return f.toStarting(Instant.now());
            }
            if (s instanceof EngineState.Stopped st) {
                return st.toStarting(Instant.now());
            }
            if (s instanceof EngineState.Draining d) {
                return d.toStopped(Instant.now()).toStarting(Instant.now());
            }
            if (s instanceof EngineState.Ready r) {
                return r.toBackoff(Instant.now(), Duration.ZERO, "restart").toStarting(Instant.now());
            }
            return s;
        });
        launch();
    }

    /** Operator restart: a running engine is stopped and started again; a failed or stopped one is started. */
    void restart() {
        stopRequested = false;
        policy.reset();
        if (process != null) {
            restartRequested = true;
            takeOutOfRotation("restart requested");
            stopProcess();
        } else {
            relaunchNow();
        }
    }

    /** Stops routing to the engine; it stops once its in-flight requests are done (or the drain timeout passes). */
    void drain() {
        startDrain(false);
    }

    /**
     * Stops routing to the engine, lets its in-flight requests finish (up to the drain timeout), then restarts it: a
     * restart no request notices, used for rolling restarts of a pool.
     */
    void drainThenRestart() {
        startDrain(true);
    }

    private void startDrain(boolean thenRestart) {
        if (!(engine.state() instanceof EngineState.Ready)) {
            if (thenRestart) {
                restart();
            } else {
                stop();
            }
            return;
        }
        restartAfterDrain = thenRestart;
        int token = ++drainToken;
        transition(s -> s instanceof EngineState.Ready r ? r.toDraining(Instant.now()) : s);
        LOG.infof("engine %s draining%s: %d requests in flight", engine.id(), thenRestart ? " for restart" : "",
                engine.inFlight());
        ctx.lifecycle().schedule(() -> {
            if (token == drainToken && engine.state() instanceof EngineState.Draining && !stopRequested
                    && !restartRequested) {
                finishDrain();
            }
        }, ctx.settings().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finishDrain() {
        drainToken++;
        if (restartAfterDrain) {
            restartAfterDrain = false;
            restart();
        } else {
            stop();
        }
    }

    /** Completes with the state the engine next settles in: ready, or failed. Lifecycle thread. */
    CompletableFuture<EngineState> settled() {
        CompletableFuture<EngineState> waiter = new CompletableFuture<>();
        settleWaiters.add(waiter);
        return waiter;
    }

    /** Stops the engine for good (until restarted); completes {@link #stopped()}. */
    void stop() {
        stopRequested = true;
        if (process != null) {
            transition(s -> s instanceof EngineState.Ready r ? r.toDraining(Instant.now()) : s);
            stopProcess();
        } else if (cleanupPending) {
            LOG.debugf("engine %s: stop waits for the cleanup of its last process", engine.id());
        } else {
            cancelPoll();
            generation++;
            transition(Transitions::toStopped);
            stopped.complete(null);
        }
    }

    private void cancelPoll() {
        if (pollTask != null) {
            pollTask.cancel(false);
            pollTask = null;
        }
    }

    private void transition(UnaryOperator<EngineState> move) {
        EngineState before = engine.state();
        EngineState after = engine.transition(move);
        if (after != before) {
            ctx.listeners().forEach(l -> l.onStateChange(engine, before, after));
            if ((after instanceof EngineState.Ready || after instanceof EngineState.Failed)
                    && !settleWaiters.isEmpty()) {
                List<CompletableFuture<EngineState>> waiting = List.copyOf(settleWaiters);
                settleWaiters.clear();
                waiting.forEach(w -> w.complete(after));
            }
        }
    }
}
