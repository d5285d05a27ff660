package io.ascendgw.gateway.routing;

import java.util.Optional;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineTelemetry;
import io.ascendgw.gateway.metrics.vllm.EngineLoad;
import io.ascendgw.gateway.metrics.vllm.LoraState;

/**
 * The engines still in the running for one decision, with the load each had when the decision began, read once so
 * every filter and scorer sees the same numbers. Arrays rather than objects: a decision allocates a handful of small
 * arrays, not one object per engine. Scraped values are {@code NaN} (or -1, or null) when the engine did not report
 * them or the scrape is stale. Confined to the deciding thread.
 */
public final class Candidates {

    private int size;
    private Engine[] engines;
    private int[] inFlight;
    private double[] waiting;
    private double[] running;
    private double[] kvUsage;
    private long[] kvCapacityTokens;
    private int[] blockTokens;
    private LoraState[] lora;
    private long[] scrapedAtNanos;

    public Candidates(int capacity) {
        int n = Math.max(1, capacity);
        engines = new Engine[n];
        inFlight = new int[n];
        waiting = new double[n];
        running = new double[n];
        kvUsage = new double[n];
        kvCapacityTokens = new long[n];
        blockTokens = new int[n];
        lora = new LoraState[n];
        scrapedAtNanos = new long[n];
    }

    /** Adds an engine with its current counters and latest fresh scrape. */
    public void add(Engine engine, long staleAfterNanos) {
        Optional<EngineTelemetry.Scrape> scrape = engine.telemetry().fresh(staleAfterNanos);
        if (scrape.isEmpty()) {
            add(engine, engine.inFlight(), Double.NaN, Double.NaN, Double.NaN, -1, -1);
            return;
        }
        EngineLoad load = scrape.get().load();
        int inFlightNow = engine.inFlight();
        add(engine, inFlightNow, waitingNow(load.waiting().orElse(Double.NaN), scrape.get().inFlightAtScrape(),
                inFlightNow), load.running().orElse(Double.NaN),
                load.kvCacheUsage().orElse(Double.NaN), load.kvCapacityTokens().orElse(-1),
                (int) load.blockSize().orElse(-1));
        lora[size - 1] = load.lora().orElse(null);
        scrapedAtNanos[size - 1] = scrape.get().atNanos();
    }

    /**
     * The engine's waiting queue now, estimated from its last scrape: every request of ours that finished since then
     * let a waiting one in. (Requests sent since are not added: an engine with free sequence slots runs them at once,
     * and the in-flight limit bounds them anyway.) Taken as read, a scrape that caught a momentary queue would hold
     * the engine "saturated" until the next scrape however fast the queue drained, and the admission queue would
     * fill behind it.
     */
    static double waitingNow(double scraped, int inFlightAtScrape, int inFlightNow) {
        return Double.isNaN(scraped) ? scraped : Math.max(0, scraped - Math.max(0, inFlightAtScrape - inFlightNow));
    }

    /** Adds an engine with explicit load values (tests and tools); NaN / -1 mean unknown. */
    public void add(Engine engine, int inFlightCount, double waitingCount, double runningCount, double kvCacheUsage,
            long capacityTokens, int kvBlockTokens) {
        if (size == engines.length) {
            grow();
        }
        engines[size] = engine;
        inFlight[size] = inFlightCount;
        waiting[size] = waitingCount;
        running[size] = runningCount;
        kvUsage[size] = kvCacheUsage;
        kvCapacityTokens[size] = capacityTokens;
        blockTokens[size] = kvBlockTokens;
        lora[size] = null;
        scrapedAtNanos[size] = 0;
        size++;
    }

    public int size() {
        return size;
    }

    public Engine engine(int i) {
        return engines[i];
    }

    /** Requests in flight from this gateway: exact and instant. */
    public int inFlight(int i) {
        return inFlight[i];
    }

    /** Scraped {@code num_requests_waiting}, or NaN. */
    public double waiting(int i) {
        return waiting[i];
    }

    /** Scraped {@code num_requests_running}, or NaN. */
    public double running(int i) {
        return running[i];
    }

    /** Scraped KV-cache usage 0-1, or NaN. */
    public double kvUsage(int i) {
        return kvUsage[i];
    }

    /** KV capacity in tokens from {@code vllm:cache_config_info}, or -1. */
    public long kvCapacityTokens(int i) {
        return kvCapacityTokens[i];
    }

    /** KV block size in tokens, or -1. */
    public int blockTokens(int i) {
        return blockTokens[i];
    }

    /** LoRA adapters running and waiting and {@code max_lora} from the fresh scrape, or null when unknown. */
    public LoraState lora(int i) {
        return lora[i];
    }

    /** {@link System#nanoTime()} of the fresh scrape the scraped values come from, or 0 when there is none. */
    public long scrapedAtNanos(int i) {
        return scrapedAtNanos[i];
    }

    /**
     * Requests the engine is working on or queueing: this gateway's exact count, or the engine's own running plus
     * waiting when that is larger (traffic from elsewhere).
     */
    public double load(int i) {
        double scraped = running[i] + waiting[i];
        return Double.isNaN(scraped) ? inFlight[i] : Math.max(inFlight[i], scraped);
    }

    /** The first KV block size any candidate reported, or -1. */
    public int reportedBlockTokens() {
        for (int i = 0; i < size; i++) {
            if (blockTokens[i] > 0) {
                return blockTokens[i];
            }
        }
        return -1;
    }

    /** Keeps the candidates whose {@code keep} flag is set, in order. */
    void retain(boolean[] keep) {
        int to = 0;
        for (int from = 0; from < size; from++) {
            if (keep[from]) {
                move(from, to++);
            }
        }
        for (int i = to; i < size; i++) {
            engines[i] = null;
            lora[i] = null;
        }
        size = to;
    }

    /** Drops candidate {@code i}, keeping the order of the others. */
    void remove(int i) {
        for (int j = i + 1; j < size; j++) {
            move(j, j - 1);
        }
        engines[--size] = null;
        lora[size] = null;
    }

    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        engines[to] = engines[from];
        inFlight[to] = inFlight[from];
        waiting[to] = waiting[from];
        running[to] = running[from];
        kvUsage[to] = kvUsage[from];
        kvCapacityTokens[to] = kvCapacityTokens[from];
        blockTokens[to] = blockTokens[from];
        lora[to] = lora[from];
        scrapedAtNanos[to] = scrapedAtNanos[from];
    }

    private void grow() {
        int n = engines.length * 2;
        engines = java.util.Arrays.copyOf(engines, n);
        inFlight = java.util.Arrays.copyOf(inFlight, n);
        waiting = java.util.Arrays.copyOf(waiting, n);
        running = java.util.Arrays.copyOf(running, n);
        kvUsage = java.util.Arrays.copyOf(kvUsage, n);
        kvCapacityTokens = java.util.Arrays.copyOf(kvCapacityTokens, n);
        blockTokens = java.util.Arrays.copyOf(blockTokens, n);
        lora = java.util.Arrays.copyOf(lora, n);
        scrapedAtNanos = java.util.Arrays.copyOf(scrapedAtNanos, n);
    }
}
