package io.ascendgw.gateway.proxy;

import io.netty.util.Timeout;
import io.vertx.core.Context;

/**
 * The timeline of one exchange (when the body went to the engine, when its first byte and its latest byte came) and
 * its deadlines: total, first byte, idle between chunks. One armed deadline serves all three, never one per chunk:
 * it is moved earlier when a shorter deadline appears and, when it fires, re-armed for the next one. Event loop only
 * (the {@link DeadlineTimer} runs expiries on the exchange's context).
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

    private final DeadlineTimer timer;
    private final Context context;
    private final ProxySettings settings;
    private final Expiry expiry;
    private final long totalDeadline;
    private Timeout armed;
    /** Which arming is current: an expiry already on its way when it was replaced or stopped is ignored. */
    private long generation;
    private long armedDue;
    private long sentNanos;
    private long firstByteNanos;
    private long lastDataNanos;
    private boolean stopped;

    ExchangeClock(DeadlineTimer timer, Context context, ProxySettings settings, long arrivalNanos, Expiry expiry) {
        this.timer = timer;
        this.context = context;
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
        disarm();
    }

    private void disarm() {
        generation++;
        if (armed != null) {
            armed.cancel();
            armed = null;
        }
    }

    private void schedule(long due) {
        if (stopped) {
            return;
        }
        if (armed != null) {
            if (armedDue <= due) {
                return;
            }
            disarm();
        }
        armedDue = due;
        long current = generation;
        armed = timer.schedule(due - System.nanoTime(), context, () -> fire(current));
    }

    private void fire(long armedGeneration) {
        if (stopped || armedGeneration != generation) {
            return;
        }
        armed = null;
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
