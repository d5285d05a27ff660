package io.ascendgw.gateway.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.PrometheusTextWriter;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The whole {@code /metrics} answer: the gateway's own meters (Micrometer), then the vLLM families of every engine
 * with a fresh scrape and the NPU families of a fresh npu-smi table. Name spaces do not overlap ({@code gateway_},
 * JVM and process meters; {@code vllm:}; {@code npu_}/{@code machine_} and {@code gateway_npu_foreign_processes}),
 * and engine and NPU families are merged by one writer, so every family has one HELP and one TYPE line.
 *
 * <p>Thread-safe; CPU only (about a millisecond for 8 engines and 8 NPUs), but not for an event loop.
 */
public final class MetricsExposition {

    /** The classic Prometheus text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Supplier<List<Engine>> engines;
    private final EngineMeters engineMeters;
    private final long staleAfterNanos;
    private final Supplier<List<MetricFamily>> npuFamilies;
    private final PrometheusTextWriter writer = new PrometheusTextWriter();
    private volatile int lastLength = 16 * 1024;

    /**
     * @param staleAfterNanos engines whose latest scrape is older contribute no vLLM families
     * @param npuFamilies     NPU families of the latest fresh table, empty when there is none
     */
    public MetricsExposition(PrometheusMeterRegistry registry, Supplier<List<Engine>> engines,
            EngineMeters engineMeters, long staleAfterNanos, Supplier<List<MetricFamily>> npuFamilies) {
        this.registry = registry;
        this.engines = engines;
        this.engineMeters = engineMeters;
        this.staleAfterNanos = staleAfterNanos;
        this.npuFamilies = npuFamilies;
    }

    /** Renders the exposition. */
    public String render() {
        List<Engine> current = engines.get();
        engineMeters.sync(current);
        StringBuilder out = new StringBuilder(lastLength + 4096);
        out.append(registry.scrape());
        List<PrometheusTextWriter.Source> sources = new ArrayList<>(EngineFamilies.sources(current, staleAfterNanos));
        List<MetricFamily> npu = npuFamilies.get();
        if (!npu.isEmpty()) {
            sources.add(new PrometheusTextWriter.Source(Labels.empty(), npu));
        }
        writer.write(sources, out);
        lastLength = out.length();
        return out.toString();
    }
}
