package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Lifecycle states of one engine. States are immutable; the transition methods are the only legal moves, so an
 * illegal move (ready straight to starting, say) does not compile. Only {@link Ready} engines get traffic.
 */
public sealed interface EngineState {

    /** When this state was entered. */
    Instant since();

    /** Lower-case name used in the admin API, logs and metrics. */
    String name();

    /** Whether requests may be routed to the engine. */
    default boolean routable() {
        return false;
    }

    /** Launched (or, for an upstream, being probed); not yet answering {@code /health} and {@code /v1/models}. */
    record Starting(Instant since, int attempt) implements EngineState {
        public Stopped toStopped(Instant now) {
            return new Stopped(now);
        }

        public Ready toReady(Instant now) {
            return new Ready(now);
        }

        public Backoff toBackoff(Instant now, Duration delay, String reason) {
            return new Backoff(now, now.plus(delay), attempt, reason);
        }

        public Failed toFailed(Instant now, String reason) {
            return new Failed(now, reason);
        }

        @Override
        public String name() {
            return "starting";
        }
    }

    /** Healthy and serving. */
    record Ready(Instant since) implements EngineState {
        public Draining toDraining(Instant now) {
            return new Draining(now);
        }

        /** Died or stopped answering while serving; it will be restarted after a delay. */
        public Backoff toBackoff(Instant now, Duration delay, String reason) {
            return new Backoff(now, now.plus(delay), 0, reason);
        }

        public Failed toFailed(Instant now, String reason) {
            return new Failed(now, reason);
        }

        @Override
        public boolean routable() {
            return true;
        }

        @Override
        public String name() {
            return "ready";
        }
    }

    /** No new requests; in-flight ones finish, then the engine stops. */
    record Draining(Instant since) implements EngineState {
        public Stopped toStopped(Instant now) {
            return new Stopped(now);
        }

        @Override
        public String name() {
            return "draining";
        }
    }

    /** Waiting before the next start attempt. */
    record Backoff(Instant since, Instant until, int attempt, String reason) implements EngineState {
        public Stopped toStopped(Instant now) {
            return new Stopped(now);
        }

        public Starting toStarting(Instant now) {
            return new Starting(now, attempt + 1);
        }

        public Failed toFailed(Instant now, String why) {
            return new Failed(now, why);
        }

        @Override
        public String name() {
            return "backoff";
        }
    }

    /** Gave up (crash loop, bad configuration); stays here until an operator restarts it. */
    record Failed(Instant since, String reason) implements EngineState {
        public Stopped toStopped(Instant now) {
            return new Stopped(now);
        }

        public Starting toStarting(Instant now) {
            return new Starting(now, 1);
        }

        @Override
        public String name() {
            return "failed";
        }
    }

    /** Stopped on purpose (drained, scaled down, gateway shutdown). */
    record Stopped(Instant since) implements EngineState {
        public Starting toStarting(Instant now) {
            return new Starting(now, 1);
        }

        @Override
        public String name() {
            return "stopped";
        }
    }
}
