package io.ascendgw.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests each engine has been sent that have not yet produced their first byte: the engine's prefill queue as this
 * gateway sees it, exact and instant (a new request's time to first token grows with it). A request counts from the
 * moment it is sent until its first stream event, or until its attempt ends (non-streaming answers come whole).
 * Thread-safe and lock-free.
 */
public final class PrefillTracker {

    private final Map<String, String> pendingRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perEngine = new ConcurrentHashMap<>();

    /** The attempt of {@code requestId} was sent to {@code engineId}. */
    public void sent(String requestId, String engineId) {
        String previous = pendingRequests.put(requestId, engineId);
        if (previous != null) {
            counter(previous).decrementAndGet();
        }
        counter(engineId).incrementAndGet();
    }

    /** The request's first byte arrived, or its attempt ended; counted once whichever comes first. */
    public void answered(String requestId) {
        String engineId = pendingRequests.remove(requestId);
        if (engineId != null) {
            counter(engineId).decrementAndGet();
        }
    }

    /** Requests sent to the engine and still waiting for their first byte. */
    public int pending(String engineId) {
        AtomicInteger count = perEngine.get(engineId);
        return count == null ? 0 : Math.max(0, count.get());
    }

    private AtomicInteger counter(String engineId) {
        AtomicInteger count = perEngine.get(engineId);
        return count != null ? count : perEngine.computeIfAbsent(engineId, id -> new AtomicInteger());
    }
}
