package io.ascendgw.gateway.sim;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cheap child processes standing in for vLLM's EngineCore / TP workers. Their command line carries the marker
 * {@value #MARKER} (plus {@code rank=} and {@code parent=} of the simulator), they stay in the simulator's process
 * group, and - like a real EngineCore - nothing makes them exit when the simulator is SIGKILLed. {@link #close()}
 * stops them and their children, as vLLM does on a clean shutdown.
 */
public final class WorkerProcesses implements AutoCloseable {

    /** Marker in every worker's command line. */
    public static final String MARKER = "vllm-sim-worker";

    /**
     * Blocks forever in the shell itself (a read on a FIFO it holds open for writing too): one process, no CPU, no
     * children that could outlive it without the marker.
     */
    private static final String IDLE_FOREVER =
            "f=$(mktemp -u) && mkfifo \"$f\" && exec 3<>\"$f\" && rm -f \"$f\" && read x <&3";

    private final List<Process> processes;

    private WorkerProcesses(List<Process> processes) {
        this.processes = processes;
    }

    /** Starts {@code count} workers; blocking (process creation). */
    public static WorkerProcesses spawn(int count, long parentPid) {
        List<Process> started = new ArrayList<>();
        for (int rank = 0; rank < count; rank++) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", IDLE_FOREVER, MARKER, "rank=" + rank,
                    "parent=" + parentPid)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                started.add(pb.start());
            } catch (IOException e) {
                new WorkerProcesses(started).close();
                throw new SimStartupException("cannot start worker process: " + e.getMessage());
            }
        }
        return new WorkerProcesses(started);
    }

    /** Pids of the workers (the marked processes). */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Terminates workers and their children; waits up to two seconds, then kills. Blocking. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.toHandle().descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle h : all) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
