package io.ascendgw.gateway.routing.lora;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.ascendgw.gateway.metrics.vllm.LoraState;

/**
 * Which LoRA adapters this gateway sent to which engine, and when: what an engine's last scrape cannot know yet. Without
 * it a burst of requests for adapters no engine runs would all see the same free slot until the next scrape and pile
 * onto one engine. One per pool; per engine a few slots (the most recently sent adapters; the oldest is overwritten),
 * so memory is bounded. Best effort: two threads recording different new adapters for one engine at once may lose
 * one of them. Thread-safe and lock-free; any thread.
 */
public final class RecentAdapters {

    /** Distinct adapters remembered per engine; more than a batch holds ({@code --max-loras}, usually 1-8). */
    public static final int SLOTS_PER_ENGINE = 16;

    private final Map<String, Sent> perEngine = new ConcurrentHashMap<>();

    /** The adapter was just sent to the engine. Allocates only the first time that adapter goes to that engine. */
    public void record(String engineId, String adapter, long nowNanos) {
        Sent sent = perEngine.get(engineId);
        if (sent == null) {
            sent = perEngine.computeIfAbsent(engineId, id -> new Sent());
        }
        sent.record(adapter, nowNanos);
    }

    /** The engine's sent adapters, or null when none was ever sent there. */
    public Sent of(String engineId) {
        return perEngine.get(engineId);
    }

    /** One engine's recently sent adapters. */
    public static final class Sent {

        private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS_PER_ENGINE);

        /** Whether the adapter was sent here at or after {@code sinceNanos}. */
        public boolean since(String adapter, long sinceNanos) {
            for (int i = 0; i < SLOTS_PER_ENGINE; i++) {
                Slot slot = slots.get(i);
                if (slot != null && slot.adapter.equals(adapter)) {
                    return slot.sentNanos - sinceNanos >= 0;
                }
            }
            return false;
        }

        /** Adapters sent here at or after {@code sinceNanos} that {@code listed} does not name (running or waiting). */
        public int unlistedSince(long sinceNanos, LoraState listed) {
            int count = 0;
            for (int i = 0; i < SLOTS_PER_ENGINE; i++) {
                Slot slot = slots.get(i);
                if (slot != null && slot.sentNanos - sinceNanos >= 0 && !listed.lists(slot.adapter)) {
                    count++;
                }
            }
            return count;
        }

        void record(String adapter, long nowNanos) {
            for (int attempt = 0; attempt < 4; attempt++) {
                int empty = -1;
                int oldestIndex = -1;
                Slot oldest = null;
                for (int i = 0; i < SLOTS_PER_ENGINE; i++) {
                    Slot slot = slots.get(i);
                    if (slot == null) {
                        empty = empty < 0 ? i : empty;
                    } else if (slot.adapter.equals(adapter)) {
                        slot.sentNanos = nowNanos;
                        return;
                    } else if (oldest == null || slot.sentNanos - oldest.sentNanos < 0) {
                        oldest = slot;
                        oldestIndex = i;
                    }
                }
                // A failed swap means another thread took the slot: look again, it may have added this very adapter.
                if (empty >= 0 ? slots.compareAndSet(empty, null, new Slot(adapter, nowNanos))
                        : slots.compareAndSet(oldestIndex, oldest, new Slot(adapter, nowNanos))) {
                    return;
                }
            }
        }
    }

    /** An adapter and when it was last sent; the time is refreshed in place, so repeats allocate nothing. */
    private static final class Slot {
        final String adapter;
        volatile long sentNanos;

        Slot(String adapter, long sentNanos) {
            this.adapter = adapter;
            this.sentNanos = sentNanos;
        }
    }
}
