package io.ascendgw.gateway.sim.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import io.ascendgw.gateway.sim.SimArgs;
import io.ascendgw.gateway.sim.SimLog;
import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.metrics.HttpStats;
import io.ascendgw.gateway.sim.metrics.MetricsText;
import io.ascendgw.gateway.sim.metrics.SimMetrics;

/**
 * Everything the HTTP layer needs, shared by all event loops (each member is thread-safe).
 *
 * @param args        parsed command line
 * @param dialect     version behaviour
 * @param engine      the engine loop
 * @param faults      injected faults
 * @param metrics     live engine metrics
 * @param metricsText {@code /metrics} renderer
 * @param httpStats   HTTP request counter
 * @param log         log lines
 * @param inFlight    generation requests not yet answered ({@code /load})
 * @param crash       exits the process with the given status (abruptly)
 */
public record ServerContext(SimArgs args, VllmDialect dialect, EngineLoop engine, Faults faults, SimMetrics metrics,
        MetricsText metricsText, HttpStats httpStats, SimLog log, AtomicInteger inFlight, IntConsumer crash) {
}
