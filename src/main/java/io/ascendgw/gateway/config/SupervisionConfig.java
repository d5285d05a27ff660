package io.ascendgw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How engines are watched, restarted and stopped ({@code gateway.supervision}). */
public interface SupervisionConfig {

    /** Interval between {@code /health} polls, while starting and while running. */
    @WithDefault("1s")
    Duration healthInterval();

    /** Time one {@code /health} poll may take. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** A running engine whose health fails or hangs this long is taken out of rotation and restarted. */
    @WithDefault("10s")
    Duration unhealthyAfter();

    /**
     * An engine with requests in flight that sends no byte and whose generated-token counter does not move for this
     * long is stalled, and is restarted ({@code /health} stays 200 while vLLM's engine loop is hung).
     */
    @WithDefault("60s")
    Duration stallAfter();

    /** First restart delay; it doubles per consecutive failure, with jitter. */
    @WithDefault("1s")
    Duration restartBackoff();

    /** Upper bound of the restart delay. */
    @WithDefault("60s")
    Duration restartBackoffMax();

    /** Restarts within {@link #crashLoopWindow()} after which an engine stays failed. */
    @WithDefault("5")
    int crashLoopRestarts();

    /** Window for crash-loop detection. */
    @WithDefault("5m")
    Duration crashLoopWindow();

    /** Time between SIGTERM and SIGKILL when an engine's process tree is stopped. */
    @WithDefault("30s")
    Duration stopGrace();

    /** Time a drained engine's in-flight requests may take to finish before it is stopped anyway. */
    @WithDefault("30s")
    Duration drainTimeout();

    /** Directory for engines' log files and the state file used to reap orphans. */
    @WithDefault("gateway-run")
    Path runDir();

    /** Size at which an engine's log file is rotated. */
    @WithDefault("10485760")
    long logMaxBytes();

    /** Rotated log files kept per engine. */
    @WithDefault("3")
    int logFiles();
}
