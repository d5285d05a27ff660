package io.ascendgw.gateway.metrics.npu;

import java.util.Map;
import java.util.Optional;

/**
 * Which engine a process on an NPU belongs to: the process, or one of its ancestors, is an engine's main process
 * (vLLM's EngineCore and TP workers are children of the API server). A process that belongs to no engine is foreign:
 * another tenant, or an orphan of an engine that died. Pids are compared in the gateway's pid namespace, so the
 * driver 26.x {@code Process id in container} is preferred when printed. Stateless.
 */
public final class NpuOwnership {

    /** Longest parent chain followed; vLLM's trees are 2-3 deep. */
    private static final int MAX_DEPTH = 16;

    private final Map<Long, String> engineByPid;
    private final ProcessParents parents;

    /**
     * @param engineByPid main process pid of each running engine → engine id
     */
    public NpuOwnership(Map<Long, String> engineByPid, ProcessParents parents) {
        this.engineByPid = Map.copyOf(engineByPid);
        this.parents = parents;
    }

    /** Parent pids, as the operating system tells. */
    @FunctionalInterface
    public interface ProcessParents {
        /** The parent of {@code pid}, or -1 when the process is gone or unknown. Blocking (reads /proc). */
        long parentOf(long pid);

        /** This host's processes, through {@link ProcessHandle}. */
        static ProcessParents host() {
            return pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
        }
    }

    /** The engine the process belongs to, or empty for a foreign process. Blocking (walks /proc). */
    public Optional<String> ownerOf(NpuProcess process) {
        long pid = process.containerPid().orElse(process.pid());
        for (int depth = 0; depth < MAX_DEPTH && pid > 1; depth++) {
            String engine = engineByPid.get(pid);
            if (engine != null) {
                return Optional.of(engine);
            }
            pid = parents.parentOf(pid);
        }
        return Optional.empty();
    }
}
