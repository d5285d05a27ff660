package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves "to stopped", "to failed" and "to backoff" from whichever state an engine is in, through the states' own
 * transition methods (so an illegal move still cannot be written); a state with no such move stays as it is.
 */
final class Transitions {

    private Transitions() {
    }

    static EngineState toStopped(EngineState s) {
        Instant now = Instant.now();
        if (s instanceof EngineState.Starting st) {
            return st.toStopped(now);
        }
        if (s instanceof EngineState.Draining d) {
            return d.toStopped(now);
        }
        if (s instanceof EngineState.Backoff b) {
            return b.toStopped(now);
        }
        if (s instanceof EngineState.Failed f) {
            return f.toStopped(now);
        }
        if (s instanceof EngineState.Ready r) {
            return r.toDraining(now).toStopped(now);
        }
        return s;
    }

    static EngineState toFailed(EngineState s, String reason) {
        Instant now = Instant.now();
        if (s instanceof EngineState.Starting st) {
            return st.toFailed(now, reason);
        }
        if (s instanceof EngineState.Ready r) {
            return r.toFailed(now, reason);
        }
        if (s instanceof EngineState.Backoff b) {
            return b.toFailed(now, reason);
        }
        return s;
    }

    static EngineState toBackoff(EngineState s, Duration delay, String reason) {
        Instant now = Instant.now();
        if (s instanceof EngineState.Starting st) {
            return st.toBackoff(now, delay, reason);
        }
        if (s instanceof EngineState.Ready r) {
            return r.toBackoff(now, delay, reason);
        }
        if (s instanceof EngineState.Backoff b) {
            return new EngineState.Backoff(b.since(), now.plus(delay), b.attempt(), reason);
        }
        return s;
    }
}
