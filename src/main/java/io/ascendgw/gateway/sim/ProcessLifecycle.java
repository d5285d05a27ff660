package io.ascendgw.gateway.sim;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clean shutdown of the simulator process on SIGTERM/SIGINT, as vLLM does it: uvicorn's shutdown lines, stop
 * serving, terminate the worker children, exit 0. A crash ({@link Runtime#halt}) or SIGKILL skips all of this and
 * leaves the workers behind.
 */
final class ProcessLifecycle {

    private final SimLog log;
    private final WorkerProcesses workers;
    private final AtomicReference<Simulator> simulator = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    ProcessLifecycle(SimLog log, WorkerProcesses workers) {
        this.log = log;
        this.workers = workers;
    }

    /** Installs the signal handlers and a shutdown hook (for other exits). */
    void install() {
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                    stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // signal not available here: the shutdown hook still cleans up
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "vllm-sim-shutdown"));
    }

    void running(Simulator sim) {
        simulator.set(sim);
    }

    /** Idempotent. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Simulator sim = simulator.get();
        if (sim != null) {
            log.info("launcher.py:80", "Shutting down FastAPI HTTP server.");
            log.uvicorn("Shutting down");
            log.uvicorn("Waiting for application shutdown.");
            log.uvicorn("Application shutdown complete.");
            sim.close();
        }
        workers.close();
        System.out.flush();
        System.err.flush();
    }
}
