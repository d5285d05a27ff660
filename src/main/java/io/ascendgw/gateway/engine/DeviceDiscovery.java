package io.ascendgw.gateway.engine;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Which NPUs exist on this host and who holds them, as {@code npu-smi} tells. */
@ApplicationScoped
public class DeviceDiscovery {

    /** NPU ids on this host, or empty when {@code npu-smi} is absent. Blocking; startup only. */
    public Optional<List<Integer>> hostDevices() {
        return Optional.empty();
    }

    /** Logs a warning for processes on {@code devices} that are not the gateway's engines. Blocking; startup only. */
    public void warnAboutForeignProcesses(List<Integer> devices) {
    }
}
