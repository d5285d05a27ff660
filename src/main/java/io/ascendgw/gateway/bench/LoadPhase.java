package io.ascendgw.gateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Releases the requests of one phase (warm-up or measured) and completes when the last one has finished.
 * Rate mode is open loop: send times come from a {@link ArrivalSchedule} relative to the phase start, late timers
 * catch up by sending every overdue request at once, and slow responses never delay a send (no coordinated
 * omission). Concurrency mode is closed loop: each completion releases the next send. Event-loop confined.
 */
final class LoadPhase {

    private final Vertx vertx;
    private final Context context;
    private final RequestExecutor executor;
    private final RequestSource source;
    private final LoadMode mode;
    private final long maxRequests;
    private final long budgetNanos;
    private final MetricsRecorder recorder;
    private final ArrivalSchedule schedule;
    private final Promise<Void> done = Promise.promise();
    private final Runnable onRequestDone = this::onRequestDone;
    private long startNanos;
    private long sent;
    private int inFlight;
    private long nextSendNanos;
    private boolean sendingFinished;

    LoadPhase(Vertx vertx, Context context, RequestExecutor executor, RequestSource source, LoadMode mode,
            RunLength length, MetricsRecorder recorder, long seed) {
        this.vertx = vertx;
        this.context = context;
        this.executor = executor;
        this.source = source;
        this.mode = mode;
        this.recorder = recorder;
        this.maxRequests = length instanceof RunLength.RequestCount count ? count.requests() : Long.MAX_VALUE;
        this.budgetNanos = length instanceof RunLength.TimeBudget budget ? budget.duration().toNanos()
                : Long.MAX_VALUE;
        this.schedule = mode instanceof LoadMode.RequestRate rate
                ? new ArrivalSchedule(rate.perSecond(), seed, rate.burstiness()) : null;
    }

    /** Starts sending; the future completes when every sent request has finished. Event loop only. */
    Future<Void> start() {
        startNanos = System.nanoTime();
        if (mode instanceof LoadMode.Concurrency concurrency) {
            for (int i = 0; i < concurrency.limit() && mayStillSend(startNanos); i++) {
                send();
            }
            stopSendingIfDue(startNanos);
        } else {
            nextSendNanos = startNanos + schedule.nextOffsetNanos();
            tick();
        }
        return done.future();
    }

    long startNanos() {
        return startNanos;
    }

    long sent() {
        return sent;
    }

    int inFlight() {
        return inFlight;
    }

    private void tick() {
        long now = System.nanoTime();
        while (now >= nextSendNanos && mayStillSend(nextSendNanos)) {
            recorder.recordSendLag(now - nextSendNanos);
            send();
            nextSendNanos = startNanos + schedule.nextOffsetNanos();
        }
        if (!mayStillSend(nextSendNanos)) {
            sendingFinished = true;
            completeIfDrained();
            return;
        }
        long delayMillis = Math.max(1, (nextSendNanos - now) / 1_000_000);
        vertx.setTimer(delayMillis, id -> tick());
    }

    private boolean mayStillSend(long atNanos) {
        return sent < maxRequests && atNanos - startNanos < budgetNanos;
    }

    private void send() {
        long n = sent++;
        inFlight++;
        executor.execute(source.body(n), recorder, onRequestDone);
    }

    private void onRequestDone() {
        inFlight--;
        if (mode instanceof LoadMode.Concurrency) {
            // Refill from a fresh task so synchronous failures cannot recurse through the stack.
            context.runOnContext(v -> refill());
        } else {
            completeIfDrained();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        if (mayStillSend(now)) {
            send();
        }
        stopSendingIfDue(now);
    }

    private void stopSendingIfDue(long now) {
        if (!mayStillSend(now)) {
            sendingFinished = true;
        }
        completeIfDrained();
    }

    private void completeIfDrained() {
        if (sendingFinished && inFlight == 0) {
            done.tryComplete();
        }
    }
}
