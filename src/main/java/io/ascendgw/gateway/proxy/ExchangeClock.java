package io.ascendgw.gateway.proxy;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;

/**
 * The timeline of one exchange (when the body went to the engine, when its first byte and its latest byte came) and
 * its deadlines: total, first byte, idle between chunks. One Vert.x timer serves all three, never one per chunk:
 * it is moved earlier when a shorter deadline appears and, when it fires, re-armed for the next one. Event loop only.
 */
final class ExchangeClock {

    /** What happens when a deadline passes. */
    interface Expiry {
        /** The whole request took too long. */
        void totalExpired();

        /** The engine sent nothing within the first-byte timeout. */
        void firstByteExpired();

        /** The engine went silent mid-response for the idle timeout. */
        void idleExpired();
    }

    private final Vertx vertx;
    private final ProxySettings settings;
    private final Expiry expiry;
    private final long totalDeadline;
    private long timer = -1;
    private long timerDue;
    private long sentNanos;
    private long firstByteNanos;
    private long lastDataNanos;
    private boolean stopped;

    ExchangeClock(Vertx vertx, ProxySettings settings, long arrivalNanos, Expiry expiry) {
        this.vertx = vertx;
        this.settings = settings;
        this.expiry = expiry;
        this.totalDeadline = arrivalNanos + settings.totalTimeout().toNanos();
        schedule(totalDeadline);
    }

    /** An attempt's body was handed to the engine: its first-byte deadline starts. */
    void sent(long now) {
        sentNanos = now;
        schedule(now + settings.firstByteTimeout().toNanos());
    }

    /** Bytes came from the engine; the first ones start the idle deadline. */
    void received(long now) {
        lastDataNanos = now;
        if (firstByteNanos == 0) {
            firstByteNanos = now;
            schedule(now + settings.idleTimeout().toNanos());
        }
    }

    long sentNanos() {
        return sentNanos;
    }

    long firstByteNanos() {
        return firstByteNanos;
    }

    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void schedule(long due) {
        if (stopped) {
            return;
        }
        if (timer >= 0) {
            if (timerDue <= due) {
                return;
            }
            vertx.cancelTimer(timer);
        }
        timerDue = due;
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()));
        timer = vertx.setTimer(delayMillis, id -> fire());
    }

    private void fire() {
        timer = -1;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        if (now >= totalDeadline) {
            expiry.totalExpired();
            return;
        }
        long phaseDeadline = Long.MAX_VALUE;
        if (sentNanos != 0 && firstByteNanos == 0) {
            phaseDeadline = sentNanos + settings.firstByteTimeout().toNanos();
            if (now >= phaseDeadline) {
                expiry.firstByteExpired();
                return;
            }
        } else if (firstByteNanos != 0) {
            phaseDeadline = lastDataNanos + settings.idleTimeout().toNanos();
            if (now >= phaseDeadline) {
                expiry.idleExpired();
                return;
            }
        }
        schedule(Math.min(phaseDeadline, totalDeadline));
    }
}
