package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Stops engines a previous gateway left running (it was killed with SIGKILL, so it could not stop them). An entry's
 * process is ours only if its pid still has the recorded start time; if the main process is gone, whatever is still
 * in its session (vLLM's engine core and workers) is stopped.
 */
public final class OrphanReaper {

    private static final Logger LOG = Logger.getLogger(OrphanReaper.class);

    private OrphanReaper() {
    }

    /** Stops every recorded engine that is still alive; returns how many process trees were stopped. Blocking. */
    public static int reap(List<StateFile.Entry> entries, Duration grace) {
        int reaped = 0;
        for (StateFile.Entry entry : entries) {
            Optional<ProcessHandle> main = ProcessHandle.of(entry.pid());
            boolean mainIsOurs = main.map(handle -> startedAt(handle, entry.startedAtMillis())).orElse(false);
            long session = entry.sessionId();
            boolean sessionAlive = session > 0 && !ProcStat.membersOfSession(session).isEmpty();
            if (mainIsOurs) {
                LOG.warnf("Reaping orphan engine %s (pid %d) left by a previous gateway", entry.engineId(),
                        entry.pid());
                ProcessTree.stop(entry.pid(), session, grace);
                reaped++;
            } else if (main.isEmpty() && sessionAlive) {
                LOG.warnf("Reaping processes of orphan engine %s (session %d; main pid %d already gone)",
                        entry.engineId(), session, entry.pid());
                ProcessTree.stop(-1, session, grace);
                reaped++;
            }
        }
        return reaped;
    }

    private static boolean startedAt(ProcessHandle handle, long recordedMillis) {
        Optional<Instant> start = handle.info().startInstant();
        // /proc start times have jiffy resolution; a reused pid starts much later than the recorded one.
        return start.isPresent() && Math.abs(start.get().toEpochMilli() - recordedMillis) < 2000;
    }
}
