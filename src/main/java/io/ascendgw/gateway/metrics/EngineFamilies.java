package io.ascendgw.gateway.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineState;
import io.ascendgw.gateway.engine.EngineTelemetry;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.PrometheusTextWriter;

/**
 * The re-exported vLLM families of every engine whose latest scrape is current, as writer sources labelled
 * {@code engine=<gateway engine id>} and {@code npu=<NPU ids>} (omitted for engines without NPUs). vLLM V1's own
 * {@code engine} label (its data-parallel index) is kept as {@code exported_engine}. An engine that is not serving
 * or whose scrape is older than the staleness limit contributes nothing: its old values are not current.
 * Stateless; never blocks.
 */
public final class EngineFamilies {

    private EngineFamilies() {
    }

    /** Writer sources for the engines with a fresh scrape, in registry order. */
    public static List<PrometheusTextWriter.Source> sources(List<Engine> engines, long staleAfterNanos) {
        List<PrometheusTextWriter.Source> sources = new ArrayList<>(engines.size());
        for (Engine engine : engines) {
            Optional<EngineTelemetry.Scrape> scrape = freshScrape(engine, staleAfterNanos);
            if (scrape.isPresent() && !scrape.get().families().isEmpty()) {
                sources.add(new PrometheusTextWriter.Source(labels(engine), scrape.get().families()));
            }
        }
        return sources;
    }

    /** The engine's latest scrape when it is serving (ready or draining) and the scrape is young enough. */
    static Optional<EngineTelemetry.Scrape> freshScrape(Engine engine, long staleAfterNanos) {
        EngineState state = engine.state();
        if (!(state instanceof EngineState.Ready || state instanceof EngineState.Draining)) {
            return Optional.empty();
        }
        return engine.telemetry().fresh(staleAfterNanos);
    }

    static Labels labels(Engine engine) {
        if (engine.devices().isEmpty()) {
            return Labels.of(GatewayMetrics.LABEL_ENGINE, engine.id());
        }
        String npus = engine.devices().stream().map(String::valueOf).collect(Collectors.joining(","));
        return Labels.of(GatewayMetrics.LABEL_ENGINE, engine.id(), GatewayMetrics.LABEL_NPU, npus);
    }
}
