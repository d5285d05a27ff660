package io.ascendgw.gateway.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEndpoint;
import io.ascendgw.gateway.engine.EngineState;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.vllm.VllmFamilies;
import io.ascendgw.gateway.metrics.vllm.VllmLoadExtractor;

/** Real {@link Engine} objects in a chosen state, with a scrape of a fixture stored as the scraper would. */
final class Engines {

    private Engines() {
    }

    static Engine engine(String id, String pool, List<Integer> devices) {
        return new Engine(id, pool, new EngineEndpoint("127.0.0.1", 1), devices, true, Set.of("m"));
    }

    static Engine ready(String id, List<Integer> devices) {
        Engine engine = engine(id, "p", devices);
        engine.transition(s -> ((EngineState.Starting) s).toReady(Instant.now()));
        return engine;
    }

    /** Stores a scrape of {@code fixture} taken {@code ageNanos} ago. */
    static Engine scraped(Engine engine, String fixture, long ageNanos) {
        ParsedMetrics parsed = new PrometheusTextParser().parse(TestFixtures.read(fixture));
        engine.telemetry().update(new VllmLoadExtractor().extract(parsed, System.nanoTime() - ageNanos),
            new VllmFamilies().select(parsed), engine.inFlight());
        return engine;
    }
}
