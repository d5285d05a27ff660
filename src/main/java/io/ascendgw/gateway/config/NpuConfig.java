package io.ascendgw.gateway.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** NPU metrics read from {@code npu-smi} ({@code gateway.npu}). */
public interface NpuConfig {

    /** Path or name of the {@code npu-smi} program. */
    @WithDefault("npu-smi")
    String smiPath();

    /** Interval between {@code npu-smi info} calls. */
    @WithDefault("5s")
    java.time.Duration interval();

    /** Time one call may take before it is killed. */
    @WithDefault("10s")
    Duration timeout();
}
