package io.ascendgw.gateway.sim.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The engine core: one thread that owns the {@link Scheduler} and runs steps back to back, sleeping each step's
 * simulated duration (none in zero-delay mode). Other threads talk to it only through {@link #submit},
 * {@link #abort} and {@link #failAll}, which are non-blocking and safe from event loops.
 */
public final class EngineLoop implements AutoCloseable {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long HUNG_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Scheduler scheduler;
    private final SpeedModel speed;
    private final BooleanSupplier hung;
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param scheduler the scheduler this loop owns from now on
     * @param speed     step durations
     * @param hung      while true the engine makes no progress at all (a hung EngineCore)
     */
    public EngineLoop(Scheduler scheduler, SpeedModel speed, BooleanSupplier hung) {
        this.scheduler = scheduler;
        this.speed = speed;
        this.hung = hung;
        this.thread = new Thread(this::run, "vllm-sim-engine");
        this.thread.setDaemon(true);
    }

    /** Starts the engine thread. */
    public void start() {
        thread.start();
    }

    /** Queues a request; non-blocking, any thread. */
    public void submit(SimRequest request) {
        send(() -> scheduler.add(request));
    }

    /** Aborts a request (client went away) and frees its blocks at the next step boundary; any thread. */
    public void abort(SimRequest request) {
        send(() -> scheduler.abort(request));
    }

    /** Fails all queued and running requests with {@code message}; any thread. */
    public void failAll(String message) {
        send(() -> scheduler.failAll(message));
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Runnable command) {
        inbox.add(command);
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            if (hung.getAsBoolean()) {
                LockSupport.parkNanos(HUNG_PARK_NANOS);
                continue;
            }
            boolean changed = drain();
            if (!scheduler.hasWork()) {
                if (changed) {
                    scheduler.publishState();
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            long start = System.nanoTime();
            int scheduled = scheduler.schedule(start);
            if (scheduled == 0) {
                LockSupport.parkNanos(HUNG_PARK_NANOS);
                continue;
            }
            sleepUntil(start + speed.stepNanos(scheduled, scheduler.plannedPrefillTokens()));
            scheduler.complete(System.nanoTime());
        }
    }

    private boolean drain() {
        boolean any = false;
        Runnable command;
        while ((command = inbox.poll()) != null) {
            command.run();
            any = true;
        }
        return any;
    }

    private void sleepUntil(long deadline) {
        long remaining;
        while (!closed && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
