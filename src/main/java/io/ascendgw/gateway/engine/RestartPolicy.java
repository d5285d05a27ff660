package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to restart an engine that died: exponential backoff with jitter, and a crash-loop limit (too many failures in
 * a window and the engine stays failed). One instance per engine; not thread-safe (the supervisor's thread owns it).
 */
public final class RestartPolicy {

    private final Duration base;
    private final Duration max;
    private final int maxFailures;
    private final Duration window;
    private final DoubleSupplier random;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private int consecutive;

    public RestartPolicy(Duration base, Duration max, int maxFailures, Duration window, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.maxFailures = maxFailures;
        this.window = window;
        this.random = random;
    }

    /**
     * Records a failure at {@code now} and returns the delay before the next start, or empty when the engine has
     * failed {@code maxFailures} times within the window and must stay down.
     */
    public Optional<Duration> onFailure(Instant now) {
        failures.addLast(now);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(window))) {
            failures.removeFirst();
        }
        if (failures.size() > maxFailures) {
            return Optional.empty();
        }
        consecutive++;
        long exponential = base.toMillis() << Math.min(consecutive - 1, 20);
        long capped = Math.min(exponential, max.toMillis());
        // "Equal jitter": half fixed, half random, so restarts of several engines spread out but never bunch at 0.
        long delay = capped / 2 + (long) (random.getAsDouble() * (capped / 2.0));
        return Optional.of(Duration.ofMillis(delay));
    }

    /** The engine served healthily; the next failure starts from the base delay again. */
    public void onHealthy() {
        consecutive = 0;
    }

    /** An operator restarted it: forget the history. */
    public void reset() {
        consecutive = 0;
        failures.clear();
    }

    public int recentFailures() {
        return failures.size();
    }
}
