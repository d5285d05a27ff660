package io.ascendgw.gateway.routing.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Context;

/**
 * A pool's bounded FIFO of requests waiting for an engine while every engine is saturated. Late binding: a waiter
 * is not assigned an engine when it queues; when capacity frees up, the head is woken on its own event loop and
 * routes then, to whichever engine is best at that moment. Up to {@code maxTurns} waiters hold a turn at once: each
 * freed slot wakes one, and each waiter that routes wakes two more, so a queue drains in a few event-loop rounds once
 * the engines have room (a single turn passed from waiter to waiter advanced one hop between event loops at a time,
 * slower under load than requests arrived, and the queue never emptied). Each reports back with
 * {@link #turnEnded}: routed (more are woken), still saturated (it goes back to the head and waits for the
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
        private long turnSinceNanos;

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

    /** Turns held at once by default. */
    public static final int DEFAULT_MAX_TURNS = 64;

    private final String pool;
    private final int maxSize;
    private final int maxTurns;
    private final Duration timeout;
    private final ArrayDeque<Ticket> waiters = new ArrayDeque<>();
    private final List<Ticket> turns = new ArrayList<>();
    private final DispatchRate rate = new DispatchRate();
    private volatile int size;

    public AdmissionQueue(String pool, int maxSize, Duration timeout) {
        this(pool, maxSize, timeout, DEFAULT_MAX_TURNS);
    }

    public AdmissionQueue(String pool, int maxSize, Duration timeout, int maxTurns) {
        this.pool = pool;
        this.maxSize = maxSize;
        this.timeout = timeout;
        this.maxTurns = Math.max(1, maxTurns);
    }

    public String pool() {
        return pool;
    }

    /** Longest time a request may wait here. */
    public Duration timeout() {
        return timeout;
    }

    /** Requests waiting now, and those holding a turn. */
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
        resize();
        return ticket;
    }

    /** Removes a waiting request (timed out, client gone); false when it is not waiting (it holds the turn). */
    public synchronized boolean cancel(Ticket ticket) {
        boolean removed = waiters.remove(ticket);
        resize();
        return removed;
    }

    /** Reports how the turn of {@code ticket} went; see {@link TurnResult}. */
    public void turnEnded(Ticket ticket, TurnResult result) {
        synchronized (this) {
            if (!turns.remove(ticket)) {
                return;
            }
            if (result == TurnResult.SATURATED) {
                waiters.addFirst(ticket);
            } else if (result == TurnResult.ROUTED) {
                rate.dispatched(System.nanoTime());
            }
            resize();
        }
        if (result == TurnResult.ROUTED) {
            // It found room, so there may be more: wake two, and the number of turns grows while routing succeeds.
            capacityFreed();
            capacityFreed();
        } else if (result == TurnResult.ABANDONED) {
            capacityFreed();
        }
    }

    /** Capacity may have freed up (a request ended, an engine became ready): wakes the head if a turn is free. */
    public void capacityFreed() {
        Ticket next;
        synchronized (this) {
            // Every request end lands here: with nobody waiting there is nothing to sweep or wake.
            if (waiters.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            turns.removeIf(t -> now - t.turnSinceNanos > TURN_LEASE_NANOS);
            if (turns.size() >= maxTurns) {
                return;
            }
            next = waiters.pollFirst();
            next.turnSinceNanos = now;
            turns.add(next);
            resize();
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

    /** Guarded by this object's monitor. */
    private void resize() {
        size = waiters.size() + turns.size();
    }
}
