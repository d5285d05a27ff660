package io.ascendgw.gateway.metrics;

import static io.ascendgw.gateway.metrics.GatewayMetrics.LABEL_ENGINE;
import static io.ascendgw.gateway.metrics.GatewayMetrics.LABEL_POOL;
import static io.ascendgw.gateway.metrics.GatewayMetrics.LABEL_STATE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEvents;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;

/**
 * Per-engine and per-pool gauges (state, in flight, restarts, last exit code, startup time, scrape freshness,
 * queue length, circuit) kept in line with the engines that exist: {@link #sync} registers meters for new engines
 * and removes those of engines that are gone; it runs before every {@code /metrics} render. Also told the startup
 * time of each engine by the supervisor ({@link EngineEvents}).
 */
public final class EngineMeters implements EngineEvents {

    private final GatewayMetrics metrics;
    private final long staleAfterNanos;
    private final ToIntFunction<String> queueLength;
    private final CircuitStateSource circuits;
    private final Map<String, Double> startupSeconds = new ConcurrentHashMap<>();
    private final Map<String, Registered> engines = new HashMap<>();
    private final Map<String, List<Meter>> pools = new HashMap<>();
    private List<Engine> current = List.of();

    /**
     * @param queueLength queue length per pool (0 without an admission queue)
     * @param circuits    circuit state per engine, or null when there are no circuit breakers
     */
    public EngineMeters(GatewayMetrics metrics, long staleAfterNanos, ToIntFunction<String> queueLength,
            CircuitStateSource circuits) {
        this.metrics = metrics;
        this.staleAfterNanos = staleAfterNanos;
        this.queueLength = queueLength;
        this.circuits = circuits;
    }

    private record Registered(Engine engine, List<Meter> meters, boolean[] lazy) {
    }

    @Override
    public void onReady(Engine engine, double seconds) {
        startupSeconds.put(engine.id(), seconds);
    }

    /** Brings the meters in line with {@code all}. Called from one thread at a time (the renderer's). */
    public synchronized void sync(List<Engine> all) {
        current = all;
        Set<String> seen = new HashSet<>();
        Set<String> livePools = new HashSet<>();
        for (Engine engine : all) {
            seen.add(engine.id());
            livePools.add(engine.pool());
            Registered known = engines.get(engine.id());
            if (known != null && known.engine() != engine) {
                known.meters().forEach(metrics::remove);
                known = null;
            }
            if (known == null) {
                known = new Registered(engine, new ArrayList<>(register(engine)), new boolean[2]);
                engines.put(engine.id(), known);
            }
            registerLazy(known);
        }
        engines.entrySet().removeIf(e -> {
            boolean gone = !seen.contains(e.getKey());
            if (gone) {
                e.getValue().meters().forEach(metrics::remove);
                startupSeconds.remove(e.getKey());
            }
            return gone;
        });
        for (String pool : livePools) {
            pools.computeIfAbsent(pool, this::registerPool);
        }
        pools.entrySet().removeIf(e -> {
            boolean gone = !livePools.contains(e.getKey());
            if (gone) {
                e.getValue().forEach(metrics::remove);
            }
            return gone;
        });
    }

    private List<Meter> register(Engine engine) {
        Tags tags = Tags.of(LABEL_ENGINE, engine.id(), LABEL_POOL, engine.pool());
        List<Meter> meters = new ArrayList<>();
        for (String state : GatewayMetrics.ENGINE_STATES) {
            meters.add(metrics.gauge(GatewayMetrics.ENGINE_STATE, engine,
                    e -> e.state().name().equals(state) ? 1 : 0, tags.and(LABEL_STATE, state)));
        }
        meters.add(metrics.gauge(GatewayMetrics.ENGINE_IN_FLIGHT, engine, Engine::inFlight, tags));
        meters.add(metrics.restartsCounter(engine, e -> e.process().restarts(), tags));
        meters.add(metrics.gauge(GatewayMetrics.ENGINE_METRICS_UP, engine, e -> fresh(e) ? 1 : 0, tags));
        if (circuits != null) {
            meters.add(metrics.gauge(GatewayMetrics.ENGINE_CIRCUIT_OPEN, engine,
                    e -> circuits.circuitOpen(e.id()) ? 1 : 0, tags));
        }
        return meters;
    }

    /** Exit code and startup time exist only once they happened; a gauge reading NaN before would mislead. */
    private void registerLazy(Registered known) {
        Engine engine = known.engine();
        Tags tags = Tags.of(LABEL_ENGINE, engine.id(), LABEL_POOL, engine.pool());
        if (!known.lazy()[0] && engine.process().lastExitCode().isPresent()) {
            known.lazy()[0] = true;
            known.meters().add(metrics.gauge(GatewayMetrics.ENGINE_LAST_EXIT_CODE, engine,
                    e -> e.process().lastExitCode().orElse(0), tags));
        }
        if (!known.lazy()[1] && startupSeconds.containsKey(engine.id())) {
            known.lazy()[1] = true;
            known.meters().add(metrics.gauge(GatewayMetrics.ENGINE_STARTUP, engine,
                    e -> startupSeconds.getOrDefault(e.id(), Double.NaN), tags));
        }
    }

    private List<Meter> registerPool(String pool) {
        Tags tags = Tags.of(LABEL_POOL, pool);
        return List.of(
                metrics.gauge(GatewayMetrics.POOL_IN_FLIGHT, pool, this::poolInFlight, tags),
                metrics.gauge(GatewayMetrics.QUEUE_LENGTH, pool, queueLength::applyAsInt, tags));
    }

    private double poolInFlight(String pool) {
        int sum = 0;
        for (Engine engine : current) {
            if (engine.pool().equals(pool)) {
                sum += engine.inFlight();
            }
        }
        return sum;
    }

    private boolean fresh(Engine engine) {
        return EngineFamilies.freshScrape(engine, staleAfterNanos).isPresent();
    }
}
