package io.ascendgw.gateway.metrics.vllm;

import java.util.HashSet;
import java.util.Set;

/**
 * The engine's LoRA adapters as its latest {@code vllm:lora_requests_info} series reports them: which adapters have
 * requests in the running batch, which only have requests queued, and how many distinct adapters one batch may hold
 * ({@code --max-loras}). Built once per scrape; immutable, so routing reads it on event loops without allocating.
 *
 * @param maxLoras adapters one batch may hold; 0 when LoRA is off (0.7.3 without {@code --enable-lora});
 *                 {@link #UNKNOWN_MAX} when the label was missing or not a number
 * @param running  adapters with requests in the running batch
 * @param waiting  adapters with queued requests and none running (an adapter vLLM lists in both is kept in
 *                 {@code running} only, so the two sets together count each adapter, and each slot, once)
 */
public record LoraState(int maxLoras, Set<String> running, Set<String> waiting) {

    /** {@link #maxLoras()} when vLLM did not say. */
    public static final int UNKNOWN_MAX = -1;

    public LoraState {
        running = Set.copyOf(running);
        if (!waiting.isEmpty() && !running.isEmpty()) {
            Set<String> only = new HashSet<>(waiting);
            only.removeAll(running);
            waiting = only;
        }
        waiting = Set.copyOf(waiting);
        maxLoras = Math.max(UNKNOWN_MAX, maxLoras);
    }

    /** Whether {@code max_lora} was reported. */
    public boolean maxKnown() {
        return maxLoras >= 0;
    }

    /** Whether the adapter has requests running or queued on the engine. */
    public boolean lists(String adapter) {
        return running.contains(adapter) || waiting.contains(adapter);
    }

    /** Distinct adapters with requests running or queued: the slots already spoken for. */
    public int adapters() {
        return running.size() + waiting.size();
    }
}
