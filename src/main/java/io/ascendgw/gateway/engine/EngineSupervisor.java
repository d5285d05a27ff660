package io.ascendgw.gateway.engine;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Owns the engines: reaps what a killed predecessor left, launches every pool's replicas, watches configured
 * upstreams, serves the admin operations (restart, drain, scale) and stops everything on shutdown, leaving no
 * process behind.
 */
@ApplicationScoped
public class EngineSupervisor {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.engine");

    private final EngineRegistry registry;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final List<EngineEvents> listeners;
    private final DeviceDiscovery devices;
    private final Map<String, ManagedEngine> managed = new ConcurrentHashMap<>();
    private final List<UpstreamWatcher> upstreams = new ArrayList<>();
    private DnsDiscovery discovery;
    private final Map<String, PoolSettings> pools = new LinkedHashMap<>();
    private final BitSet slots = new BitSet();
    private SupervisorContext ctx;
    private RunDirLock runDirLock;

    @Inject
    public EngineSupervisor(EngineRegistry registry, GatewayConfig config, Vertx vertx,
            Instance<EngineEvents> listeners, DeviceDiscovery devices) {
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
        this.listeners = listeners.stream().toList();
        this.devices = devices;
    }

    void onStart(@Observes StartupEvent event) {
        SupervisionSettings settings = SupervisionSettings.from(config.supervision());
        List<PoolSettings> plan = PoolPlanner.plan(config, devices.hostDevices());
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Config quarkus = ConfigProvider.getConfig();
            ListenPort.requireFree(quarkus.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0"),
                    quarkus.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080));
        }
        // Before anything reads the state file: what it records belongs to whichever gateway holds the directory.
        runDirLock = RunDirLock.acquire(settings.runDir());
        StateFile stateFile = new StateFile(settings.runDir().resolve("engines.json"));
        int reaped = OrphanReaper.reap(stateFile.read(), settings.stopGrace());
        if (reaped > 0) {
            LOG.warnf("Stopped %d engine(s) left running by a previous gateway", reaped);
        }
        stateFile.clear();
        ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "engine-lifecycle"));
        ExecutorService blocking = Executors.newCachedThreadPool(r -> daemon(r, "engine-process"));
        ctx = new SupervisorContext(lifecycle, blocking,
                new ProcessLauncher(settings.runDir().resolve("logs"), settings.logMaxBytes(), settings.logFiles()),
                new EngineProbe(vertx, config.security().engineAuthorization().orElse(null)), settings, stateFile, new PortAllocator(), listeners);
        for (PoolSettings pool : plan) {
            pools.put(pool.name(), pool);
            devices.warnAboutForeignProcesses(pool.devices());
            LOG.infof("pool %s: %d replica(s) of %s, %d NPU(s) each, NPUs %s", pool.name(), pool.replicas(),
                    pool.model(), pool.npusPerReplica(), pool.devices());
        }
        lifecycle.execute(() -> {
            for (PoolSettings pool : plan) {
                for (int i = 0; i < pool.replicas(); i++) {
                    addEngine(pool, i);
                }
            }
        });
        List<URI> urls = config.upstreams().orElse(List.of());
        for (int i = 0; i < urls.size(); i++) {
            Engine engine = UpstreamWatcher.engineFor(i, urls.get(i));
            registry.add(engine);
            UpstreamWatcher watcher = new UpstreamWatcher(ctx, engine);
            upstreams.add(watcher);
            watcher.start();
        }
        List<String> dnsNames = config.discovery().dns().orElse(List.of());
        if (!dnsNames.isEmpty()) {
            discovery = new DnsDiscovery(ctx, registry, dnsNames, config.discovery().interval());
            discovery.start();
        }
    }

    /** Lifecycle thread. */
    private ManagedEngine addEngine(PoolSettings pool, int index) {
        int slot = slots.nextClearBit(0);
        slots.set(slot);
        String id = pool.name() + "-" + index;
        int port = ctx.ports().allocate(pool.host(), pool.basePort().map(base -> base + index).orElse(0));
        EngineSpec spec = new EngineSpec(id, pool.name(), index, slot, pool.command(), pool.model(),
                pool.servedModels(), pool.host(), port, pool.deviceGroup(index), pool.npusPerReplica(), pool.args(),
                pool.env(), pool.startupTimeout());
        Engine engine = new Engine(id, pool.name(), new EngineEndpoint(pool.host(), port), spec.devices(), true,
                java.util.Set.copyOf(pool.expectedModels()));
        ManagedEngine me = new ManagedEngine(ctx, engine, spec);
        managed.put(id, me);
        registry.add(engine);
        me.launch();
        return me;
    }

    /** The managed engine with this id. */
    public Optional<EngineProcess> process(String engineId) {
        ManagedEngine me = managed.get(engineId);
        return me == null ? Optional.empty() : me.process();
    }

    public Map<String, PoolSettings> pools() {
        return Map.copyOf(pools);
    }

    /** Stops and starts a managed engine again (or starts a failed or stopped one). */
    public CompletableFuture<Boolean> restart(String engineId) {
        return onLifecycle(() -> {
            ManagedEngine me = managed.get(engineId);
            if (me == null) {
                return false;
            }
            LOG.infof("engine %s restart requested", engineId);
            me.restart();
            return true;
        });
    }

    /** Takes an engine out of rotation, lets its requests finish, then stops it. */
    public CompletableFuture<Boolean> drain(String engineId) {
        return onLifecycle(() -> {
            ManagedEngine me = managed.get(engineId);
            if (me == null) {
                return false;
            }
            me.drain();
            return true;
        });
    }

    /**
     * Restarts every engine of a pool one after the other, each drained first and waited for until ready again, so
     * the pool keeps serving throughout. Completes when the last engine has settled.
     */
    public CompletableFuture<Integer> rollingRestart(String poolName) {
        return onLifecycle(() -> {
            if (!pools.containsKey(poolName)) {
                throw new IllegalArgumentException("No pool named '" + poolName + "'");
            }
            return managed.values().stream().filter(me -> me.spec().pool().equals(poolName))
                    .sorted(Comparator.comparingInt(me -> me.spec().index())).toList();
        }).thenCompose(engines -> {
            long start = System.nanoTime();
            LOG.infof("pool %s: rolling restart of %d engine(s)", poolName, engines.size());
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (ManagedEngine me : engines) {
                chain = chain.thenCompose(v -> onLifecycle(() -> {
                    CompletableFuture<EngineState> settled = me.settled();
                    me.drainThenRestart();
                    return settled;
                }).thenCompose(settled -> settled).thenAccept(state -> {
                }));
            }
            return chain.thenApply(v -> {
                LOG.infof("pool %s: rolling restart done in %.1fs", poolName, (System.nanoTime() - start) / 1e9);
                return engines.size();
            });
        });
    }

    /**
     * Changes a pool's replica count at run time: new replicas get the next free NPU groups, removed ones (highest
     * index first) are drained, stopped and forgotten.
     */
    public CompletableFuture<PoolSettings> scale(String poolName, int replicas) {
        return onLifecycle(() -> {
            PoolSettings pool = pools.get(poolName);
            if (pool == null) {
                throw new IllegalArgumentException("No pool named '" + poolName + "'");
            }
            if (replicas < 0 || replicas > pool.maxReplicas()) {
                throw new IllegalArgumentException("Pool '" + poolName + "' can run 0 to " + pool.maxReplicas()
                        + " replicas with its NPUs " + pool.devices() + " (" + pool.npusPerReplica() + " each)");
            }
            List<ManagedEngine> current = managed.values().stream().filter(me -> me.spec().pool().equals(poolName))
                    .sorted(Comparator.comparingInt(me -> me.spec().index())).toList();
            for (int i = current.size(); i < replicas; i++) {
                addEngine(pool, i);
            }
            for (int i = current.size() - 1; i >= replicas; i--) {
                retire(current.get(i));
            }
            PoolSettings scaled = pool.withReplicas(replicas);
            pools.put(poolName, scaled);
            LOG.infof("pool %s scaled from %d to %d replicas", poolName, current.size(), replicas);
            return scaled;
        });
    }

    private void retire(ManagedEngine me) {
        managed.remove(me.engine().id());
        me.drain();
        me.stopped().whenComplete((v, e) -> ctx.lifecycle().execute(() -> {
            registry.remove(me.engine());
            slots.clear(me.spec().slot());
            ctx.ports().release(me.spec().port());
        }));
    }

    private <T> CompletableFuture<T> onLifecycle(java.util.concurrent.Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (ctx == null) {
            result.completeExceptionally(new IllegalStateException("The supervisor is not running"));
            return result;
        }
        ctx.lifecycle().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ctx == null) {
            return;
        }
        upstreams.forEach(UpstreamWatcher::stop);
        if (discovery != null) {
            discovery.stop();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        CompletableFuture<Void> issued = onLifecycle(() -> {
            for (ManagedEngine me : managed.values()) {
                stops.add(me.stopped());
                me.stop();
            }
            return null;
        });
        Duration wait = ctx.settings().stopGrace().plusSeconds(10);
        try {
            issued.get(5, TimeUnit.SECONDS);
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("Not every engine stopped within %s; killing what is left", wait);
        }
        // Whatever is still a descendant of the gateway now is killed outright: no orphan may keep NPU memory.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ctx.stateFile().clear();
        ctx.lifecycle().shutdownNow();
        ctx.blocking().shutdownNow();
        ctx.probe().close();
        runDirLock.close();
        LOG.info("All engines stopped");
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
