package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running engine process and everything it forked. */
public interface EngineProcess {

    long pid();

    Instant startedAt();

    /** Completes with the exit code when the engine's main process exits. Callbacks run on a JDK thread. */
    CompletableFuture<Integer> onExit();

    /**
     * Stops the whole process tree: SIGTERM to every member, then SIGKILL to what is left after {@code grace}.
     * Blocking; call from a worker thread. Returns once no member is alive.
     */
    void stop(Duration grace);

    /** The last lines the engine printed (stdout and stderr interleaved), oldest first. */
    List<String> recentLog();
}
