package io.ascendgw.gateway.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to launch one engine: the command, the vLLM flags the gateway sets, its NPUs and environment.
 *
 * @param index        position of the engine in its pool (replica number)
 * @param slot         position among all engines of the gateway, for per-instance port windows (HCCL)
 * @param command      program and leading arguments, e.g. {@code python -m vllm.entrypoints.openai.api_server}
 * @param servedModels names for {@code --served-model-name}; the first is the one responses carry
 * @param extraArgs    flags from configuration, appended last so they can override ours
 */
public record EngineSpec(String id, String pool, int index, int slot, List<String> command, String model,
        List<String> servedModels, String host, int port, List<Integer> devices, int tensorParallelSize,
        List<String> extraArgs, Map<String, String> env, Duration startupTimeout) {

    public EngineSpec {
        command = List.copyOf(command);
        servedModels = List.copyOf(servedModels);
        devices = List.copyOf(devices);
        extraArgs = List.copyOf(extraArgs);
        env = Map.copyOf(env);
    }

    public EngineSpec withPort(int newPort) {
        return new EngineSpec(id, pool, index, slot, command, model, servedModels, host, newPort, devices,
                tensorParallelSize, extraArgs, env, startupTimeout);
    }
}
