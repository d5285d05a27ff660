package io.ascendgw.gateway.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** NPU metrics and NPU discovery read from {@code npu-smi} ({@code gateway.npu}). */
public interface NpuConfig {

    /**
     * Run {@code npu-smi info} at all. When off, NPU metrics are not exported and pools fall back to NPUs 0-7 unless
     * they name their devices.
     */
    @WithDefault("true")
    boolean enabled();

    /** Path or name (looked up on {@code PATH}) of the {@code npu-smi} program. */
    @WithDefault("npu-smi")
    String smiPath();

    /** Interval between {@code npu-smi info} calls; one call runs at a time, off the event loops. */
    @WithDefault("5s")
    Duration interval();

    /** Time one call may take before its process tree is killed. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * NPU series are exported only while the latest table is younger than this; older values are not current
     * (npu-smi hung or failing) and are dropped rather than frozen.
     */
    @WithDefault("20s")
    Duration staleAfter();
}
