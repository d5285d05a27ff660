package io.ascendgw.gateway.engine;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What the admin API reports about an engine's process: current pid, start, restarts and the last exit code. */
public record ProcessFacts(OptionalLong pid, Instant startedAt, int restarts, OptionalInt lastExitCode,
        Instant readyAt) {

    public static final ProcessFacts NONE = new ProcessFacts(OptionalLong.empty(), null, 0, OptionalInt.empty(), null);

    public ProcessFacts launched(long newPid, Instant at) {
        return new ProcessFacts(OptionalLong.of(newPid), at, restarts, lastExitCode, null);
    }

    public ProcessFacts ready(Instant at) {
        return new ProcessFacts(pid, startedAt, restarts, lastExitCode, at);
    }

    public ProcessFacts exited(int exitCode) {
        return new ProcessFacts(OptionalLong.empty(), startedAt, restarts, OptionalInt.of(exitCode), null);
    }

    public ProcessFacts restarted() {
        return new ProcessFacts(pid, startedAt, restarts + 1, lastExitCode, readyAt);
    }
}
