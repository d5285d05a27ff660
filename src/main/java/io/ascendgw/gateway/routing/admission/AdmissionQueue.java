package io.ascendgw.gateway.routing.admission;

import java.time.Duration;
import java.util.ArrayDeque;

import io.vertx.core.Context;

/**
 * A pool's bounded FIFO of requests waiting for an engine while every engine is saturated. Late binding: a waiter
 * is not assigned an engine when it queues; when capacity frees up, the head is woken on its own event loop and
 * routes then, to whichever engine is best at that moment. One waiter holds the turn at a time; it reports back with
 * {@link #turnEnded}: routed (the next one is woken), still saturated (it goes back to the head and waits for the
 * next free slot) or abandoned (the next one is woken). While anyone waits, new arrivals queue behind them.
 * Thread-safe: the waiter list is guarded by this object's monitor; {@link #hasWaiters} is a lock-free read.
 */
public final class AdmissionQueue {

    /** How a woken waiter's turn went. */
    public enum TurnResult {
        ROUTED, SATURATED, ABANDONED
    }

    /** One waiting request. */
    public static final class Ticket {
        private final Context context;
        private final Runnable onTurn;
        private final long enqueuedNanos;

        private Ticket(Context context, Runnable onTurn, long enqueuedNanos) {
            this.context = context;
            this.onTurn = onTurn;
            this.enqueuedNanos = enqueuedNanos;
        }

        public long enqueuedNanos() {
            return enqueuedNanos;
        }
    }

    /** A turn not reported back within this time is taken back (defensive; a waiter always reports). */
    private static final long TURN_LEASE_NANOS = 2_000_000_000L;

    private final String pool;
    private final int maxSize;
    private final Duration timeout;
    private final ArrayDeque<Ticket> waiters = new ArrayDeque<>();
    private final DispatchRate rate = new DispatchRate();
    private volatile int size;
    private Ticket turn;
    private long turnSinceNanos;

    public AdmissionQueue(String pool, int maxSize, Duration timeout) {
        this.pool = pool;
        this.maxSize = maxSize;
        this.timeout = timeout;
    }

    public String pool() {
        return pool;
    }

    /** Longest time a request may wait here. */
    public Duration timeout() {
        return timeout;
    }

    /** Requests waiting now (not counting one that holds the turn). */
    public int size() {
        return size;
    }

    /** Whether anyone waits or holds the turn: new arrivals must then queue too. Lock-free. */
    public boolean hasWaiters() {
        return size > 0;
    }

    /**
     * Queues a request; {@code onTurn} later runs on {@code context} when it may try again.
     *
     * @return the ticket, or null when the queue is full
     */
    public synchronized Ticket enqueue(Context context, Runnable onTurn) {
        if (waiters.size() >= maxSize) {
            return null;
        }
        Ticket ticket = new Ticket(context, onTurn, System.nanoTime());
        waiters.addLast(ticket);
        size = waiters.size() + (turn == null ? 0 : 1);
        return ticket;
    }

    /** Removes a waiting request (timed out, client gone); false when it is not waiting (it holds the turn). */
    public synchronized boolean cancel(Ticket ticket) {
        boolean removed = waiters.remove(ticket);
        size = waiters.size() + (turn == null ? 0 : 1);
        return removed;
    }

    /** Reports how the turn of {@code ticket} went; see {@link TurnResult}. */
    public void turnEnded(Ticket ticket, TurnResult result) {
        synchronized (this) {
            if (turn != ticket) {
                return;
            }
            turn = null;
            if (result == TurnResult.SATURATED) {
                waiters.addFirst(ticket);
            } else if (result == TurnResult.ROUTED) {
                rate.dispatched(System.nanoTime());
            }
            size = waiters.size();
        }
        if (result != TurnResult.SATURATED) {
            capacityFreed();
        }
    }

    /** Capacity may have freed up (a request ended, an engine became ready): wakes the head if nobody holds the turn. */
    public void capacityFreed() {
        Ticket next;
        synchronized (this) {
            long now = System.nanoTime();
            if (turn != null && now - turnSinceNanos > TURN_LEASE_NANOS) {
                turn = null;
            }
            if (turn != null || waiters.isEmpty()) {
                return;
            }
            next = waiters.pollFirst();
            turn = next;
            turnSinceNanos = now;
            size = waiters.size() + 1;
        }
        next.context.runOnContext(v -> next.onTurn.run());
    }

    /** Seconds a refused client should wait before trying again: the queue's length over its recent drain rate. */
    public int retryAfterSeconds() {
        double perSecond = rate.perSecond(System.nanoTime());
        if (!(perSecond > 0)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(60, Math.ceil(size / perSecond)));
    }
}
