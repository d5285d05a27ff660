package io.ascendgw.gateway.config;

/** How a pool's engines are started. */
public enum LauncherKind {
    /** {@code python -m vllm.entrypoints.openai.api_server} or a configured command. */
    VLLM,
    /** The built-in simulator, same flags as vLLM. */
    SIM
}
