package io.ascendgw.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** One pool of identical engines serving one model ({@code gateway.pools.<name>}). */
public interface PoolConfig {

    /** {@code vllm} runs {@link #command()}; {@code sim} runs the built-in vLLM-compatible simulator. */
    @WithDefault("vllm")
    LauncherKind launcher();

    /**
     * The program and leading arguments that start one engine; the gateway appends the vLLM flags. Defaults to
     * {@code python -m vllm.entrypoints.openai.api_server} for {@code vllm} and to this jar's simulator for
     * {@code sim}.
     */
    Optional<List<String>> command();

    /** Model path or hub id, passed as {@code --model}. */
    String model();

    /** Names clients use for this model, passed as {@code --served-model-name}; defaults to {@link #model()}. */
    Optional<List<String>> servedModelName();

    /** Number of engines in the pool. */
    @WithDefault("1")
    int replicas();

    /** NPUs per engine, passed as {@code --tensor-parallel-size}. */
    @WithDefault("1")
    int npusPerReplica();

    /** NPU ids this pool may use; defaults to every NPU {@code npu-smi} reports, else 0..7. */
    Optional<List<Integer>> devices();

    /** Port of the first engine; later engines take the next free ports. Defaults to a free port chosen at start. */
    Optional<Integer> basePort();

    /** Address engines listen on; keep loopback so the gateway stays the only public door. */
    @WithDefault("127.0.0.1")
    String host();

    /** Extra engine flags appended to the command line, e.g. {@code --max-model-len 8192}. */
    Optional<List<String>> args();

    /** Extra environment variables for every engine of the pool. */
    Map<String, String> env();

    /** Time an engine may take from launch to ready (model loading takes minutes) before it is killed and retried. */
    @WithDefault("10m")
    Duration startupTimeout();
}
