package io.ascendgw.gateway.sim;

import java.util.List;

/**
 * Parsed command line of the simulator: vLLM's flags, the simulator's own flags, and what was ignored.
 *
 * @param vllm         vLLM flags
 * @param sim          {@code --sim-*} flags
 * @param unknownFlags flags neither vLLM-known nor simulator flags (accepted, ignored, warned about once)
 * @param help         {@code --help} / {@code -h} was given
 */
public record SimArgs(VllmArgs vllm, SimOptions sim, List<String> unknownFlags, boolean help) {

    /** Qwen2.5-3B: 36 layers x 2 KV heads x 128 dims x (K+V) x 2 bytes. */
    static final long KV_BYTES_PER_TOKEN = 36L * 2 * 128 * 2 * 2;
    /** One Ascend 910B2: 64 GiB HBM. */
    static final double DEVICE_MEMORY_BYTES = 64.0 * (1L << 30);
    /** bf16 weights of a ~3.1B model. */
    static final double WEIGHT_BYTES = 6.2e9;
    /** Activations, graph workspace and HCCL buffers per device. */
    static final double RESERVED_BYTES_PER_DEVICE = 2.0 * (1L << 30);

    public SimArgs {
        unknownFlags = List.copyOf(unknownFlags);
    }

    /** Parses a command line (see {@link SimArgsParser}); throws {@link SimArgsException} on bad values. */
    public static SimArgs parse(String... args) {
        return SimArgsParser.parse(List.of(args), System.getenv());
    }

    /** Version-specific behaviour. */
    public VllmDialect dialect() {
        return VllmDialect.of(sim.vllmVersion());
    }

    /** Prefix caching: the flag, else on for V1 and off for 0.7.3 (V0's default). */
    public boolean prefixCaching() {
        return vllm.enablePrefixCaching() != null ? vllm.enablePrefixCaching() : !dialect().legacy();
    }

    /** Step token budget: the flag, else 2048 (V1) or the whole context (0.7.3 has no chunked prefill). */
    public int maxBatchedTokens() {
        if (vllm.maxNumBatchedTokens() != null) {
            return vllm.maxNumBatchedTokens();
        }
        return dialect().legacy() ? Math.max(vllm.maxModelLen(), 2048) : 2048;
    }

    /**
     * KV blocks: the override, else what a Qwen2.5-3B leaves free on {@code tp} 910B2 cards at the configured
     * memory utilisation.
     */
    public int numGpuBlocks() {
        if (vllm.numGpuBlocksOverride() != null) {
            return vllm.numGpuBlocksOverride();
        }
        int tp = Math.max(1, vllm.tensorParallelSize());
        double free = DEVICE_MEMORY_BYTES * vllm.gpuMemoryUtilization() * tp - WEIGHT_BYTES
                - RESERVED_BYTES_PER_DEVICE * tp;
        return (int) Math.max(1, free / (KV_BYTES_PER_TOKEN * vllm.blockSize()));
    }

    /** Request logging: on by default in 0.7.3 (unless disabled), opt-in from V1 0.10.1. */
    public boolean logRequests() {
        return dialect().legacy() ? !vllm.disableLogRequests() : vllm.enableLogRequests();
    }
}
