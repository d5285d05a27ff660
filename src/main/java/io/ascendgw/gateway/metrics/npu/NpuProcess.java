package io.ascendgw.gateway.metrics.npu;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One row of the {@code npu-smi info} process table. Several rows per NPU are normal, and one pid can hold memory on
 * several NPUs. Match processes by pid, never by name (names are the truncated Linux {@code comm}).
 *
 * @param npuId        NPU id the process holds memory on
 * @param chipId       chip within the NPU
 * @param pid          host pid (the pid in npu-smi's view; a host pid even inside containers on pre-26 drivers)
 * @param name         process name as printed, e.g. {@code VLLMWorker_TP}
 * @param memoryMb     device memory the process holds on this chip
 * @param containerPid the pid in the caller's pid namespace (driver 26.x {@code Process id in container}); empty when
 *                     the column is absent or reads {@code NA}
 */
public record NpuProcess(int npuId, int chipId, long pid, String name, long memoryMb, OptionalLong containerPid) {

    public NpuProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerPid, "containerPid");
    }
}
