package io.ascendgw.gateway.engine;

import java.nio.file.Path;
import java.time.Duration;

import io.ascendgw.gateway.config.SupervisionConfig;

/** The supervisor's plain settings, built once from {@link SupervisionConfig}. */
public record SupervisionSettings(Duration healthInterval, Duration healthTimeout, Duration unhealthyAfter,
        Duration stallAfter, Duration restartBackoff, Duration restartBackoffMax, int crashLoopRestarts,
        Duration crashLoopWindow, Duration stopGrace, Duration drainTimeout, Path runDir, long logMaxBytes,
        int logFiles) {

    public static SupervisionSettings from(SupervisionConfig c) {
        return new SupervisionSettings(c.healthInterval(), c.healthTimeout(), c.unhealthyAfter(), c.stallAfter(),
                c.restartBackoff(), c.restartBackoffMax(), c.crashLoopRestarts(), c.crashLoopWindow(), c.stopGrace(),
                c.drainTimeout(), c.runDir(), c.logMaxBytes(), c.logFiles());
    }

    public RestartPolicy newRestartPolicy() {
        return new RestartPolicy(restartBackoff, restartBackoffMax, crashLoopRestarts, crashLoopWindow,
                java.util.concurrent.ThreadLocalRandom.current()::nextDouble);
    }
}
