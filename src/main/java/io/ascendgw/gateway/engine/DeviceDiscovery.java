package io.ascendgw.gateway.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ascendgw.gateway.metrics.NpuMonitor;
import io.ascendgw.gateway.metrics.npu.NpuProbeResult;
import io.ascendgw.gateway.metrics.npu.NpuSnapshot;

/**
 * Which NPUs exist on this host and who holds them, as {@code npu-smi info} tells (through the {@link NpuMonitor},
 * so the gateway never runs two npu-smi calls at once). Without npu-smi the monitor says so once and this answers
 * "unknown".
 */
@ApplicationScoped
public class DeviceDiscovery {

    /** Pools are checked one after another at startup; one npu-smi call serves them all. */
    private static final long REUSE_NANOS = 2_000_000_000L;

    private final NpuMonitor monitor;
    private volatile NpuSnapshot checked;
    private volatile long checkedAtNanos;

    @Inject
    public DeviceDiscovery(NpuMonitor monitor) {
        this.monitor = monitor;
    }

    /** NPU ids on this host, or empty when {@code npu-smi} is absent or fails. Blocking; startup only. */
    public Optional<List<Integer>> hostDevices() {
        return table().map(snapshot -> List.copyOf(new TreeSet<>(snapshot.chips().stream()
                .map(chip -> chip.npuId()).toList())));
    }

    /**
     * Logs a loud warning for every process holding memory on {@code devices} that is not one of the gateway's
     * engines (compared by pid with the engines' process trees): an engine placed there may run out of device
     * memory. Blocking; startup only (runs a fresh npu-smi call, after orphans of a previous gateway were reaped).
     */
    public void warnAboutForeignProcesses(List<Integer> devices) {
        Optional<NpuSnapshot> snapshot = checked != null && System.nanoTime() - checkedAtNanos < REUSE_NANOS
                ? Optional.of(checked) : table();
        if (snapshot.isEmpty()) {
            return;
        }
        checked = snapshot.get();
        checkedAtNanos = System.nanoTime();
        Map<Integer, String> assigned = new HashMap<>();
        devices.forEach(npu -> assigned.put(npu, "the engine placed on it"));
        monitor.warnAboutForeign(snapshot.get(), assigned, monitor.ownership());
    }

    private Optional<NpuSnapshot> table() {
        NpuProbeResult result = monitor.pollAndWait();
        return result instanceof NpuProbeResult.Available available ? Optional.of(available.snapshot())
                : Optional.empty();
    }
}
