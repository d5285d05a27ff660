package io.ascendgw.gateway.routing.admission;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One request's stay in an {@link AdmissionQueue}: queues it, bounds the wait by the queue's timeout, hands it its
 * turn, and takes it out again however the request ends. Confined to the request's event loop.
 */
public final class AdmissionWait {

    /** Why a request was refused. */
    public enum Refusal {
        /** The queue was full when it arrived. */
        FULL,
        /** It waited the queue's timeout. */
        TIMED_OUT,
        /** It waited, and a full queue gave its place to a request of a tenant holding fewer waiters. */
        DISPLACED
    }

    /** Told when the request may not wait (queue full), waited too long, or lost its place. */
    @FunctionalInterface
    public interface Rejected {
        /** Event loop of the request. */
        void reject(AdmissionQueue queue, Refusal refusal, int retryAfterSeconds);
    }

    private final Vertx vertx;
    private final Context context;
    private final String tenant;
    private final double weight;
    private final Runnable turn;
    private final Rejected rejected;
    private AdmissionQueue queue;
    private AdmissionQueue.Ticket ticket;
    private boolean onTurn;
    private boolean left;
    private long deadlineNanos;
    private long timer = -1;
    private boolean queued;
    private long queuedSinceNanos;
    private long waitedNanos;

    /**
     * @param tenant   whose request it is (the API key's name, or null), for the queue's fairness
     * @param weight   the tenant's share of the turns against others' (its API key's weight; 1 without keys)
     * @param turn     runs on {@code context} when the request may try to route again
     * @param rejected runs on {@code context} when the request is refused
     */
    public AdmissionWait(Vertx vertx, Context context, String tenant, double weight, Runnable turn,
            Rejected rejected) {
        this.vertx = vertx;
        this.context = context;
        this.tenant = tenant;
        this.weight = weight;
        this.turn = turn;
        this.rejected = rejected;
    }

    /** Time the request has spent in the queue so far (all its stays, should it queue more than once). */
    public long waitedNanos() {
        return waitedNanos + (queued ? System.nanoTime() - queuedSinceNanos : 0);
    }

    /** Whether the request holds its turn (it was woken and routes ahead of later arrivals). */
    public boolean holdsTurn() {
        return onTurn;
    }

    /** Every engine is saturated: queue up, or, when woken for nothing, go back to the head of the queue. */
    public void await(AdmissionQueue saturated) {
        if (ticket != null && onTurn) {
            onTurn = false;
            if (System.nanoTime() - deadlineNanos >= 0) {
                queue.turnEnded(ticket, AdmissionQueue.TurnResult.ABANDONED);
                ticket = null;
                endWait();
                rejected.reject(queue, Refusal.TIMED_OUT, queue.retryAfterSeconds());
            } else {
                queue.turnEnded(ticket, AdmissionQueue.TurnResult.SATURATED);
            }
            return;
        }
        if (ticket != null) {
            return;
        }
        queue = saturated;
        ticket = saturated.enqueue(tenant, weight, context, this::onTurn, this::onDisplaced);
        if (ticket == null) {
            rejected.reject(saturated, Refusal.FULL, saturated.retryAfterSeconds());
            return;
        }
        long timeoutMillis = Math.max(1, saturated.timeout().toMillis());
        queued = true;
        queuedSinceNanos = System.nanoTime();
        deadlineNanos = queuedSinceNanos + saturated.timeout().toNanos();
        timer = vertx.setTimer(timeoutMillis, id -> onTimeout());
    }

    /** The request was routed: its turn ends and the next waiter may go. */
    public void routed() {
        cancelTimer();
        endWait();
        if (ticket != null && onTurn) {
            queue.turnEnded(ticket, AdmissionQueue.TurnResult.ROUTED);
        }
        ticket = null;
        onTurn = false;
    }

    /** The request ended some other way (client gone, total timeout, no engine left): leave the queue. */
    public void leave() {
        cancelTimer();
        endWait();
        left = true;
        if (ticket == null) {
            return;
        }
        if (onTurn) {
            queue.turnEnded(ticket, AdmissionQueue.TurnResult.ABANDONED);
            ticket = null;
        } else if (queue.cancel(ticket)) {
            ticket = null;
        }
        // Otherwise the turn is already on its way here; onTurn hands it back.
        onTurn = false;
    }

    private void onTurn() {
        if (left) {
            queue.turnEnded(ticket, AdmissionQueue.TurnResult.ABANDONED);
            ticket = null;
            return;
        }
        onTurn = true;
        turn.run();
    }

    private void onTimeout() {
        timer = -1;
        // A request holding its turn is judged when the turn ends (see await).
        if (ticket != null && !onTurn && queue.cancel(ticket)) {
            ticket = null;
            endWait();
            rejected.reject(queue, Refusal.TIMED_OUT, queue.retryAfterSeconds());
        }
    }

    private void onDisplaced() {
        if (left || ticket == null) {
            // the request ended meanwhile
            return;
        }
        cancelTimer();
        ticket = null;
        endWait();
        rejected.reject(queue, Refusal.DISPLACED, queue.retryAfterSeconds());
    }

    private void endWait() {
        if (queued) {
            queued = false;
            waitedNanos += System.nanoTime() - queuedSinceNanos;
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
