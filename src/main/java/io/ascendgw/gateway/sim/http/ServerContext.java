package io.ascendgw.gateway.sim.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import io.ascendgw.gateway.sim.SimArgs;
import io.ascendgw.gateway.sim.SimLog;
import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.lora.LoraAdapters;
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
 * @param loras       the LoRA adapters served beside the model
 */
public record ServerContext(SimArgs args, VllmDialect dialect, EngineLoop engine, Faults faults, SimMetrics metrics,
        MetricsText metricsText, HttpStats httpStats, SimLog log, AtomicInteger inFlight, IntConsumer crash,
        LoraAdapters loras) {

    /**
     * What a request's {@code model} names (none: the first served name): a served name of the model, or a loaded
     * adapter; null when neither.
     */
    ServedModel served(String requested) {
        if (requested == null || args.vllm().servedModelNames().contains(requested)) {
            return new ServedModel(args.vllm().primaryModelName(), null);
        }
        LoraAdapters.Adapter adapter = loras.find(requested);
        return adapter == null ? null : new ServedModel(adapter.name(), adapter);
    }

    /**
     * The model a request runs on.
     *
     * @param name    the name responses carry: the model's first served name, or the adapter's
     * @param adapter the LoRA adapter, null for the model itself
     */
    record ServedModel(String name, LoraAdapters.Adapter adapter) {
    }
}
