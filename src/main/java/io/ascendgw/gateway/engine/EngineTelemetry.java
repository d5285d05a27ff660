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

    /**
     * One successful scrape.
     *
     * @param inFlightAtScrape this gateway's requests in flight to the engine when the scrape was read, so a reader
     *                         can tell how the engine's queue has moved since (see {@code Candidates})
     */
    public record Scrape(EngineLoad load, List<MetricFamily> families, long atNanos, int inFlightAtScrape) {
        static final Scrape NONE = new Scrape(EngineLoad.noData(0), List.of(), 0, 0);
    }

    private volatile Scrape latest = Scrape.NONE;
    private volatile long lastTokenProgressNanos = System.nanoTime();
    private volatile int consecutiveFailures;

    /**
     * Records a successful scrape, and notes token progress when the generation counter advanced. A hung vLLM freezes
     * its gauges too (running and waiting may read 0 with requests stuck), so only the counter counts as progress.
     */
    public void update(EngineLoad load, List<MetricFamily> families, int inFlightAtScrape) {
        Scrape previous = latest;
        OptionalDouble before = previous.load().generationTokens();
        OptionalDouble now = load.generationTokens();
        if (now.isPresent() && before.isPresent() && now.getAsDouble() > before.getAsDouble()) {
            lastTokenProgressNanos = load.scrapedAtNanos();
        }
        latest = new Scrape(load, List.copyOf(families), load.scrapedAtNanos(), inFlightAtScrape);
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

    /** When the engine's generation counter last advanced (or the engine was last launched). */
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
