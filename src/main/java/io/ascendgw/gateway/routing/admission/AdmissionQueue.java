package io.ascendgw.gateway.routing.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;

/**
 * A pool's bounded queue of requests waiting for an engine while every engine is saturated. Late binding: a waiter
 * is not assigned an engine when it queues; when capacity frees up, the first waiter is woken on its own event loop
 * and routes then, to whichever engine is best at that moment. Up to {@code maxTurns} waiters hold a turn at once:
 * each freed slot wakes one, and each waiter that routes wakes two more, so a queue drains in a few event-loop rounds
 * once the engines have room (a single turn passed from waiter to waiter advanced one hop between event loops at a
 * time, slower under load than requests arrived, and the queue never emptied). Each reports back with
 * {@link #turnEnded}: routed (more are woken), still saturated (it keeps its place and waits for the next free slot)
 * or abandoned (the next one is woken). While anyone waits, new arrivals queue behind them.
 *
 * <p>The order is start-time fair queueing over tenants (API keys): each request gets a tag one turn past its
 * tenant's previous one, or one turn past the last routed request's tag when its tenant has nobody waiting, and the
 * smallest tag (then the earliest arrival) goes first. So tenants with waiting requests take turns: a batch job's
 * hundreds of waiters delay another key's request by about one request, not by all of them. A turn is as long as the
 * tenant's requests have been on average, in tokens ({@link #served}), so keys get about equal shares of weighted
 * tokens rather than equal numbers of requests ({@link QueueFairness#PER_KEY_REQUESTS}: every turn is one request).
 * A key's weight ({@code gateway.security.keys.<name>.weight}) divides its turns' length: weight 2, twice the share.
 * A request keeps its tag through turns that found no room, so waiters woken together go again in their order
 * however their reports interleave.
 * A full queue makes room for a tenant holding fewer waiters by refusing the newest waiter of the tenant holding the
 * most (that tenant still holds the most after the swap, so the queue does not oscillate). With
 * {@link QueueFairness#FIFO}, or without API keys, everyone is one tenant: arrival order.
 * Thread-safe: the state is guarded by this object's monitor; {@link #hasWaiters} is a lock-free read.
 */
public final class AdmissionQueue {

    /** How a woken waiter's turn went. */
    public enum TurnResult {
        ROUTED, SATURATED, ABANDONED
    }

    /** One waiting request. */
    public static final class Ticket {
        private final Tenant tenant;
        private final double tag;
        private final long arrival;
        private final Context context;
        private final Runnable onTurn;
        private final Runnable onDisplaced;
        private long turnSinceNanos;
        private boolean holdsTurn;

        private Ticket(Tenant tenant, double tag, long arrival, Context context, Runnable onTurn,
                Runnable onDisplaced) {
            this.tenant = tenant;
            this.tag = tag;
            this.arrival = arrival;
            this.context = context;
            this.onTurn = onTurn;
            this.onDisplaced = onDisplaced;
        }
    }

    /** One tenant's requests in the queue (waiting or holding a turn), oldest first. Exists while it has any. */
    private static final class Tenant {
        private final String name;
        private final ArrayDeque<Ticket> tickets = new ArrayDeque<>();
        private double lastTag;

        private Tenant(String name, double lastTag) {
            this.name = name;
            this.lastTag = lastTag;
        }
    }

    /**
     * A running mean that settles fast and then follows drift: a plain mean of the first {@value #WINDOW} samples,
     * then each new sample weighs 1/{@value #WINDOW}.
     */
    private static final class MeanService {
        private static final int WINDOW = 32;
        private int samples;
        private double mean;

        synchronized void add(double value) {
            samples = Math.min(WINDOW, samples + 1);
            mean += (value - mean) / samples;
        }

        synchronized double mean() {
            return mean;
        }
    }

    private static final Comparator<Ticket> ORDER = Comparator.<Ticket>comparingDouble(t -> t.tag)
            .thenComparingLong(t -> t.arrival);

    /** A turn not reported back within this time is taken back (defensive; a waiter always reports). */
    private static final long TURN_LEASE_NANOS = 2_000_000_000L;

    /** Turns held at once by default. */
    public static final int DEFAULT_MAX_TURNS = 64;

    /**
     * The tenant of requests without an API key, and of every request in a FIFO queue; also the key of the pool-wide
     * mean service (API key names are never empty).
     */
    private static final String SHARED = "";

    private final String pool;
    private final int maxSize;
    private final int maxTurns;
    private final Duration timeout;
    private final QueueFairness fairness;
    private final Map<String, Tenant> tenants = new HashMap<>();
    /** Requests waiting for a turn, in the order they get one. */
    private final TreeSet<Ticket> waiting = new TreeSet<>(ORDER);
    private final List<Ticket> turns = new ArrayList<>();
    private final DispatchRate rate = new DispatchRate();
    /** The tag of the latest routed request: where an idle tenant's next request starts. */
    private double virtualTime;
    /** Each tenant's mean service per request, in weighted tokens, and the pool's under {@link #SHARED}. */
    private final Map<String, MeanService> service = new ConcurrentHashMap<>();
    private long arrivals;
    private volatile int size;

    public AdmissionQueue(String pool, int maxSize, Duration timeout, QueueFairness fairness) {
        this(pool, maxSize, timeout, fairness, DEFAULT_MAX_TURNS);
    }

    public AdmissionQueue(String pool, int maxSize, Duration timeout, QueueFairness fairness, int maxTurns) {
        this.pool = pool;
        this.maxSize = maxSize;
        this.timeout = timeout;
        this.fairness = fairness;
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

    /** Queues a request of {@code tenant} of weight 1 (see the five-argument form). */
    public Ticket enqueue(String tenant, Context context, Runnable onTurn, Runnable onDisplaced) {
        return enqueue(tenant, 1.0, context, onTurn, onDisplaced);
    }

    /**
     * Queues a request of {@code tenant} (its API key's name, or null); {@code onTurn} later runs on {@code context}
     * when it may try again, or {@code onDisplaced} when a full queue gave its place to another tenant's request.
     *
     * @param weight the tenant's share of the turns: its turns are {@code 1/weight} as long (ignored by FIFO)
     * @return the ticket, or null when the queue is full
     */
    public Ticket enqueue(String tenant, double weight, Context context, Runnable onTurn, Runnable onDisplaced) {
        String name = fairness != QueueFairness.FIFO && tenant != null ? tenant : SHARED;
        Ticket displaced = null;
        Ticket ticket;
        synchronized (this) {
            Tenant owner = tenants.get(name);
            if (waiting.size() >= maxSize) {
                displaced = makeRoom(owner == null ? 0 : owner.tickets.size());
                if (displaced == null) {
                    return null;
                }
            }
            if (owner == null) {
                owner = new Tenant(name, virtualTime);
                tenants.put(name, owner);
            }
            owner.lastTag = Math.max(virtualTime, owner.lastTag) + turnLength(name) / weight;
            ticket = new Ticket(owner, owner.lastTag, arrivals++, context, onTurn, onDisplaced);
            owner.tickets.addLast(ticket);
            waiting.add(ticket);
            resize();
        }
        if (displaced != null) {
            Ticket gone = displaced;
            gone.context.runOnContext(v -> gone.onDisplaced.run());
        }
        return ticket;
    }

    /**
     * Counts the service a finished request of {@code tenant} (its API key's name, or null) received, so that key's
     * later turns are as long as its requests: prompt tokens the engine computed (not those its prefix cache held)
     * plus twice the generated ones, as the Virtual Token Counter of Sheng et al. (OSDI '24) weighs them, since a
     * generated token costs a decode step. Only {@link QueueFairness#PER_KEY} uses it. Any thread; the queue's lock
     * is not taken.
     */
    public void served(String tenant, long promptTokens, long cachedTokens, long completionTokens) {
        if (fairness != QueueFairness.PER_KEY || tenant == null) {
            // Without API keys every request is one tenant's: there is nobody to weigh against.
            return;
        }
        double tokens = Math.max(0, promptTokens - Math.max(0, cachedTokens)) + 2.0 * Math.max(0, completionTokens);
        if (!(tokens > 0)) {
            return;
        }
        service.computeIfAbsent(SHARED, t -> new MeanService()).add(tokens);
        service.computeIfAbsent(tenant, t -> new MeanService()).add(tokens);
    }

    /**
     * How far one request moves its tenant's tag: 1 (equal turns) but with {@link QueueFairness#PER_KEY} the
     * tenant's mean service per request, or the pool's while the tenant has none yet, so a key whose requests are
     * ten times longer gets a tenth of the turns and every key about the same share of weighted tokens.
     */
    private double turnLength(String tenant) {
        if (fairness != QueueFairness.PER_KEY) {
            return 1;
        }
        MeanService mean = service.get(tenant);
        if (mean == null) {
            mean = service.get(SHARED);
        }
        return mean == null ? 1 : Math.max(1, mean.mean());
    }

    /** Removes a waiting request (timed out, client gone); false when it is not waiting (it holds the turn). */
    public synchronized boolean cancel(Ticket ticket) {
        if (!waiting.remove(ticket)) {
            return false;
        }
        forget(ticket);
        resize();
        return true;
    }

    /** Reports how the turn of {@code ticket} went; see {@link TurnResult}. */
    public void turnEnded(Ticket ticket, TurnResult result) {
        synchronized (this) {
            if (!turns.remove(ticket)) {
                return;
            }
            ticket.holdsTurn = false;
            if (result == TurnResult.SATURATED) {
                waiting.add(ticket);
            } else {
                if (result == TurnResult.ROUTED) {
                    rate.dispatched(System.nanoTime());
                    virtualTime = Math.max(virtualTime, ticket.tag);
                }
                forget(ticket);
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

    /** Capacity may have freed up (a request ended, an engine became ready): wakes the first waiter if a turn is free. */
    public void capacityFreed() {
        Ticket next;
        synchronized (this) {
            // Every request end lands here: with nobody waiting there is nothing to sweep or wake.
            if (waiting.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            turns.removeIf(t -> {
                boolean expired = now - t.turnSinceNanos > TURN_LEASE_NANOS;
                if (expired) {
                    forget(t);
                }
                return expired;
            });
            if (turns.size() >= maxTurns) {
                resize();
                return;
            }
            next = waiting.pollFirst();
            next.turnSinceNanos = now;
            next.holdsTurn = true;
            turns.add(next);
            resize();
        }
        next.context.runOnContext(v -> next.onTurn.run());
    }

    /**
     * Takes the newest waiter of the tenant holding the most requests, when that tenant holds more than one more than
     * the newcomer's ({@code newcomerHolds}); null when the newcomer must be refused. Guarded.
     */
    private Ticket makeRoom(int newcomerHolds) {
        Tenant longest = null;
        for (Tenant tenant : tenants.values()) {
            if (longest == null || tenant.tickets.size() > longest.tickets.size()) {
                longest = tenant;
            }
        }
        if (longest == null || longest.tickets.size() <= newcomerHolds + 1) {
            return null;
        }
        for (Iterator<Ticket> newestFirst = longest.tickets.descendingIterator(); newestFirst.hasNext(); ) {
            Ticket candidate = newestFirst.next();
            if (!candidate.holdsTurn) {
                waiting.remove(candidate);
                forget(candidate);
                return candidate;
            }
        }
        return null;
    }

    /** The request left the queue for good: its tenant no longer counts it. Guarded. */
    private void forget(Ticket ticket) {
        Tenant tenant = ticket.tenant;
        tenant.tickets.remove(ticket);
        if (tenant.tickets.isEmpty()) {
            tenants.remove(tenant.name, tenant);
        }
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
        size = waiting.size() + turns.size();
    }
}
