package io.ascendgw.gateway.proxy;

import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.vertx.core.Context;

/**
 * The requests' deadlines (body upload, first byte, idle, total), on one hashed timer wheel shared by all of them. A
 * request arms and cancels a few deadlines and almost never reaches one; on the wheel that is a queue offer and a flag
 * per deadline, where a Vert.x timer per deadline cost a map entry, a heap insert and removal on the event loop. The
 * wheel's thread only notices expiry; the action runs on the exchange's own context, so exchanges stay confined to
 * their event loop. Deadlines fire up to one tick late, which for timeouts of seconds does not matter.
 */
public final class DeadlineTimer implements AutoCloseable {

    /**
     * The wheel's thread wakes every tick, busy or idle: at 10 ms that alone cost an idle gateway about 1 % of a core
     * (a wake-up is dear in a VM), more than its scrapes and queue pump together.
     */
    private static final long TICK_MILLIS = 50;

    private final HashedWheelTimer wheel;

    DeadlineTimer() {
        this.wheel = new HashedWheelTimer(runnable -> {
            Thread thread = new Thread(runnable, "proxy-deadlines");
            thread.setDaemon(true);
            return thread;
        }, TICK_MILLIS, TimeUnit.MILLISECONDS, 512);
    }

    /** Runs {@code action} on {@code context} once {@code delayNanos} have passed, unless cancelled before. */
    public Timeout schedule(long delayNanos, Context context, Runnable action) {
        return wheel.newTimeout(timeout -> context.runOnContext(ignored -> action.run()), Math.max(0, delayNanos),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
