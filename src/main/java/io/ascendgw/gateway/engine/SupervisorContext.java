package io.ascendgw.gateway.engine;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every managed engine shares. {@code lifecycle} is a single thread that owns every state decision; blocking
 * work (fork, exec, kill and wait) runs on {@code blocking}.
 */
record SupervisorContext(ScheduledExecutorService lifecycle, ExecutorService blocking, EngineLauncher launcher,
        EngineProbe probe, SupervisionSettings settings, StateFile stateFile, PortAllocator ports,
        List<EngineEvents> listeners) {
}
