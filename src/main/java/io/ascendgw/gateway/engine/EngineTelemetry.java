package io.ascendgw.gateway.engine;

import java.util.List;
import java.util.OptionalDouble;

import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.vllm.EngineLoad;

/**
 * The latest scrape of one engine's {@code /metrics}: its load (read by routing) and the vLLM families the gateway
 * re-exports. A scrape older than the staleness limit counts as no data, so nothing acts on frozen values.
 * Written by the scraper only; read lock-free from anywhere.
 */
public final class EngineTelemetry {

    /** One successful scrape. */
    public record Scrape(EngineLoad load, List<MetricFamily> families, long atNanos) {
        static final Scrape NONE = new Scrape(EngineLoad.noData(0), List.of(), 0);
    }

    private volatile Scrape latest = Scrape.NONE;
    private volatile long lastTokenProgressNanos = System.nanoTime();
    private volatile int consecutiveFailures;

    /** Records a successful scrape; notes token progress when generation advanced or the engine had nothing to do. */
    public void update(EngineLoad load, List<MetricFamily> families) {
        Scrape previous = latest;
        OptionalDouble before = previous.load().generationTokens();
        OptionalDouble now = load.generationTokens();
        boolean advanced = now.isPresent() && (before.isEmpty() || now.getAsDouble() > before.getAsDouble());
        boolean idle = load.running().orElse(0) == 0 && load.waiting().orElse(0) == 0;
        if (advanced || idle) {
            lastTokenProgressNanos = load.scrapedAtNanos();
        }
        latest = new Scrape(load, List.copyOf(families), load.scrapedAtNanos());
        consecutiveFailures = 0;
    }

    public void failed() {
        consecutiveFailures++;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The latest scrape if younger than {@code staleAfterNanos}, else empty. */
    public java.util.Optional<Scrape> fresh(long staleAfterNanos) {
        Scrape scrape = latest;
        if (scrape.atNanos() == 0 || System.nanoTime() - scrape.atNanos() > staleAfterNanos) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(scrape);
    }

    /** When the engine last generated a token (or had nothing to generate), per its own counters. */
    public long lastTokenProgressNanos() {
        return lastTokenProgressNanos;
    }

    /** Forgets everything: the engine restarted and its counters begin again. */
    public void reset() {
        latest = Scrape.NONE;
        lastTokenProgressNanos = System.nanoTime();
        consecutiveFailures = 0;
    }
}
