package io.ascendgw.gateway.routing.breaker;

import java.util.concurrent.atomic.AtomicReference;

import io.ascendgw.gateway.routing.PoolRoutingSettings.BreakerSettings;

/**
 * One engine's circuit breaker. Closed: requests flow and consecutive engine failures are counted; at the threshold it
 * opens. A connection failure, 5xx or broken stream of a request that was already in flight when the previous failure
 * was counted does not count again: requests that fail together (an engine dropping its connections at once) are one
 * event, not consecutive evidence, and must not take an engine, perhaps a pool's only one, out for the open time. Open:
 * no request until the open time has passed; then one request may take the probe permit ({@link #tryAcquire}) and the
 * breaker is half-open. Half-open: only that probe; its success closes the breaker, its failure opens it again for
 * twice as long (up to the maximum), and a probe that ends without a verdict (client gone) hands the permit back.
 * States are immutable records swapped atomically, so any thread may call any method.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public sealed interface State {
    }

    /** Requests flow; {@code failures} consecutive engine failures so far, the last counted at {@code countedNanos}. */
    public record Closed(int failures, long countedNanos) implements State {
    }

    /** No requests until {@code untilNanos}; {@code trips} counts consecutive openings, for the backoff. */
    public record Open(long untilNanos, int trips) implements State {
    }

    /** One probe ({@code probeId}) is in flight; nothing else goes. */
    public record HalfOpen(String probeId, int trips) implements State {
    }

    private static final Closed CLOSED = new Closed(0, 0);

    private final BreakerSettings settings;
    private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

    public CircuitBreaker(BreakerSettings settings) {
        this.settings = settings;
    }

    public State state() {
        return state.get();
    }

    /** Whether a request could be sent now (closed, or open long enough that a probe may go). Read-only. */
    public boolean permits(long nowNanos) {
        State s = state.get();
        return s instanceof Closed || (s instanceof Open open && nowNanos - open.untilNanos >= 0);
    }

    /** Takes the right to send {@code requestId} now: always when closed, as the single probe when due. */
    public boolean tryAcquire(String requestId, long nowNanos) {
        while (true) {
            State s = state.get();
            if (s instanceof Closed) {
                return true;
            }
            if (!(s instanceof Open open) || nowNanos - open.untilNanos < 0) {
                return false;
            }
            if (state.compareAndSet(s, new HalfOpen(requestId, open.trips))) {
                return true;
            }
        }
    }

    /** The engine answered {@code requestId}. */
    public void onSuccess(String requestId) {
        state.updateAndGet(s -> {
            if (s instanceof Closed) {
                return CLOSED;
            }
            return s instanceof HalfOpen h && h.probeId.equals(requestId) ? CLOSED : s;
        });
    }

    /** The engine failed {@code requestId} in a way that always counts (a timeout: each one waited its own time). */
    public void onFailure(String requestId, long nowNanos) {
        onFailure(requestId, nowNanos, nowNanos);
    }

    /**
     * The engine failed {@code requestId}, sent at {@code sentNanos} (connect, reset, 5xx, broken stream); it counts
     * unless the request was already in flight when the previous failure was counted.
     */
    public void onFailure(String requestId, long sentNanos, long nowNanos) {
        state.updateAndGet(s -> {
            if (s instanceof Closed c) {
                if (c.failures > 0 && sentNanos - c.countedNanos < 0) {
                    return c;
                }
                return c.failures + 1 >= settings.failureThreshold() ? open(nowNanos, 1)
                        : new Closed(c.failures + 1, nowNanos);
            }
            return s instanceof HalfOpen h && h.probeId.equals(requestId) ? open(nowNanos, h.trips + 1) : s;
        });
    }

    /** {@code requestId} ended without telling anything about the engine (client gone): a probe returns its permit. */
    public void onAbandoned(String requestId, long nowNanos) {
        state.updateAndGet(s -> s instanceof HalfOpen h && h.probeId.equals(requestId) ? new Open(nowNanos, h.trips)
                : s);
    }

    /** Back to closed: the engine restarted. */
    public void reset() {
        state.set(CLOSED);
    }

    private Open open(long nowNanos, int trips) {
        long base = settings.openDuration().toNanos();
        long max = settings.maxOpenDuration().toNanos();
        long duration = base;
        for (int i = 1; i < trips && duration < max; i++) {
            duration *= 2;
        }
        return new Open(nowNanos + Math.min(duration, max), trips);
    }
}
