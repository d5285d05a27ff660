package io.ascendgw.gateway.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Who may call the gateway ({@code gateway.security}). */
public interface SecurityConfig {

    /**
     * API keys by name. The name appears in logs and metrics, never the key. Without any key (here or in
     * {@link #keysFile()}) the OpenAI endpoints are open, which is only safe on loopback.
     */
    Map<String, ApiKeyConfig> keys();

    /**
     * A file with more keys, one per line: {@code <name> <sha256-hex> [requests-per-minute tokens-per-minute
     * max-concurrent]} ({@code -} for no limit); {@code #} starts a comment.
     */
    Optional<Path> keysFile();

    /** Bearer key required on {@code /metrics}; without it metrics are open. */
    Optional<String> metricsKey();
}
