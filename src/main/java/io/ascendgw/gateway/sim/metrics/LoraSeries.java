package io.ascendgw.gateway.sim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of {@code vllm:lora_requests_info}: one per combination of running and waiting adapters ever reported,
 * whose value is the Unix time it was last reported. vLLM's gauge keeps every combination it has set, so readers
 * must take the latest; this keeps the {@value #KEPT} most recent (vLLM keeps all). Thread-safe.
 */
final class LoraSeries {

    static final int KEPT = 64;

    /** One label combination and when it was last reported. */
    record Entry(String running, String waiting, double unixSeconds) {
    }

    private final Map<String, Entry> byAdapters = new LinkedHashMap<>();
    private double latest;

    /**
     * Reports a combination now. Each report is dated at least a millisecond after the previous one, so the latest
     * is the one with the largest value even when two fall in the same millisecond of a millisecond clock (vLLM's
     * {@code time.time()} has microseconds); readers, the gateway's LoRA routing among them, take the largest.
     */
    synchronized void report(String running, String waiting, double unixSeconds) {
        String key = running + '\n' + waiting;
        latest = Math.max(unixSeconds, latest + 0.001);
        byAdapters.remove(key);
        byAdapters.put(key, new Entry(running, waiting, latest));
        if (byAdapters.size() > KEPT) {
            byAdapters.remove(byAdapters.keySet().iterator().next());
        }
    }

    /** Oldest first. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(byAdapters.values());
    }
}
