package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pool as the supervisor runs it: configuration resolved to plain values, including the NPUs it may use.
 *
 * @param devices NPU ids reserved for the pool; replica groups are cut from it in order
 */
public record PoolSettings(String name, List<String> command, String model, List<String> servedModels,
        int replicas, int npusPerReplica, List<Integer> devices, Optional<Integer> basePort, String host,
        List<String> args, Map<String, String> env, Duration startupTimeout) {

    public PoolSettings {
        command = List.copyOf(command);
        servedModels = List.copyOf(servedModels);
        devices = List.copyOf(devices);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** Most replicas the pool's NPUs allow. */
    public int maxReplicas() {
        return npusPerReplica == 0 ? Integer.MAX_VALUE : devices.size() / npusPerReplica;
    }

    /** The NPU group of replica {@code index}: a disjoint slice of the pool's devices. */
    public List<Integer> deviceGroup(int index) {
        if (npusPerReplica == 0) {
            return List.of();
        }
        return devices.subList(index * npusPerReplica, (index + 1) * npusPerReplica);
    }

    /** Names the engines are expected to serve: the served names, or the model string as vLLM defaults. */
    public List<String> expectedModels() {
        return servedModels.isEmpty() ? List.of(model) : servedModels;
    }

    public PoolSettings withReplicas(int count) {
        return new PoolSettings(name, command, model, servedModels, count, npusPerReplica, devices, basePort, host,
                args, env, startupTimeout);
    }
}
