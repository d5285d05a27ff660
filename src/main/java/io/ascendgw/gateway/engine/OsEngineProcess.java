package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine running as an OS process in its own session, with its output going to an {@link EngineLog}. */
final class OsEngineProcess implements EngineProcess {

    private final Process process;
    private final long sessionId;
    private final Instant startedAt;
    private final EngineLog log;
    private final CompletableFuture<Integer> exit;

    OsEngineProcess(Process process, long sessionId, EngineLog log) {
        this.process = process;
        this.sessionId = sessionId;
        this.startedAt = process.info().startInstant().orElse(Instant.now());
        this.log = log;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The session that holds the engine's whole tree, or -1 when it shares the gateway's. */
    long sessionId() {
        return sessionId;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public void stop(Duration grace) {
        ProcessTree.stop(process.pid(), sessionId, grace);
    }

    @Override
    public List<String> recentLog() {
        return log.recent();
    }
}
