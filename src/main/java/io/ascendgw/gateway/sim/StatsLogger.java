package io.ascendgw.gateway.sim;

import java.util.Locale;

import io.ascendgw.gateway.sim.metrics.SimMetrics;

/**
 * vLLM's periodic stats line. Printed only when something happened in the interval (or in the one before, so the
 * return to idle is visible), never when idle. Called from a timer; not thread-safe on its own.
 */
final class StatsLogger {

    private final SimLog log;
    private final SimMetrics metrics;
    private final boolean legacy;
    private final boolean prefixCaching;
    private long lastNanos = System.nanoTime();
    private long lastPrompt;
    private long lastGeneration;
    private long lastQueries;
    private long lastHits;
    private boolean lastWasActive;

    StatsLogger(SimLog log, SimMetrics metrics, boolean legacy, boolean prefixCaching) {
        this.log = log;
        this.metrics = metrics;
        this.legacy = legacy;
        this.prefixCaching = prefixCaching;
    }

    /** Logs one line if there was activity. */
    void tick() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long prompt = metrics.promptTokensTotal();
        long generation = metrics.generationTokensTotal();
        long queries = metrics.prefixQueriedTokensTotal();
        long hits = metrics.prefixHitTokensTotal();
        boolean active = prompt != lastPrompt || generation != lastGeneration || metrics.running() > 0
                || metrics.waiting() > 0;
        if (active || lastWasActive) {
            double promptRate = (prompt - lastPrompt) / seconds;
            double genRate = (generation - lastGeneration) / seconds;
            double kv = metrics.kvUsage() * 100;
            if (legacy) {
                log.info("metrics.py:455", String.format(Locale.ROOT, "Avg prompt throughput: %.1f tokens/s, Avg "
                        + "generation throughput: %.1f tokens/s, Running: %d reqs, Swapped: 0 reqs, Pending: %d "
                        + "reqs, GPU KV cache usage: %.1f%%, CPU KV cache usage: 0.0%%.", promptRate, genRate,
                        metrics.running(), metrics.waiting(), kv));
            } else {
                long dq = queries - lastQueries;
                double hitRate = dq > 0 && prefixCaching ? 100.0 * (hits - lastHits) / dq : 0;
                log.info("loggers.py:127", String.format(Locale.ROOT, "Engine 000: Avg prompt throughput: %.1f "
                        + "tokens/s, Avg generation throughput: %.1f tokens/s, Running: %d reqs, Waiting: %d reqs, "
                        + "GPU KV cache usage: %.1f%%, Prefix cache hit rate: %.1f%%", promptRate, genRate,
                        metrics.running(), metrics.waiting(), kv, hitRate));
            }
        }
        lastWasActive = active;
        lastNanos = now;
        lastPrompt = prompt;
        lastGeneration = generation;
        lastQueries = queries;
        lastHits = hits;
    }
}
