package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started. vLLM forks an engine core and workers that hold NPU memory and do not
 * watch their parent, so stopping only the main process leaks them: the tree (descendants) and the session (for
 * children already re-parented) are both signalled.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * SIGTERM to every member, wait up to {@code grace}, SIGKILL the rest, wait until they are gone. Blocking.
     *
     * @param sessionId the session the engine was started in, or -1 if it has none of its own
     */
    public static void stop(long pid, long sessionId, Duration grace) {
        Set<ProcessHandle> members = members(pid, sessionId);
        members.forEach(ProcessHandle::destroy);
        if (!awaitGone(members, grace.toMillis())) {
            // Members may have forked while dying; look again before the hard kill.
            members.addAll(members(pid, sessionId));
            members.forEach(ProcessHandle::destroyForcibly);
            awaitGone(members, 5000);
        }
    }

    /** The process, its descendants and, on Linux, everything else in its session. */
    static Set<ProcessHandle> members(long pid, long sessionId) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        Optional<ProcessHandle> root = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        root.ifPresent(handle -> {
            members.add(handle);
            handle.descendants().forEach(members::add);
        });
        if (sessionId > 0) {
            for (long member : ProcStat.membersOfSession(sessionId)) {
                ProcessHandle.of(member).ifPresent(members::add);
            }
        }
        members.removeIf(handle -> handle.pid() == ProcessHandle.current().pid());
        return members;
    }

    private static boolean awaitGone(Set<ProcessHandle> members, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ProcessHandle member : members) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return members.stream().noneMatch(ProcessHandle::isAlive);
            }
            try {
                member.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails; treat as gone
            }
        }
        return true;
    }
}
