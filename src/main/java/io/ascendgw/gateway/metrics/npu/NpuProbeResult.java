package io.ascendgw.gateway.metrics.npu;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** The outcome of one {@link NpuProbe#probe()}. Only {@link Available} carries numbers; never report the others as 0. */
public sealed interface NpuProbeResult {

    /** npu-smi printed a device table. */
    record Available(NpuSnapshot snapshot, Duration elapsed) implements NpuProbeResult {
        public Available {
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /** The npu-smi executable is not there (a host without Ascend driver, or a container without the mount). */
    record Absent(String command, String reason) implements NpuProbeResult {
        public Absent {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * npu-smi ran but gave no usable table: a non-zero exit, an error text (e.g. {@code ret is -8020}), an unreadable
     * layout, or it could not be started.
     *
     * @param exitCode the exit status when the process ran to completion
     */
    record Failed(String message, OptionalInt exitCode) implements NpuProbeResult {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(exitCode, "exitCode");
        }
    }

    /** npu-smi did not finish in time; its process tree was killed. */
    record TimedOut(Duration timeout) implements NpuProbeResult {
        public TimedOut {
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
