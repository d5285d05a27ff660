package io.ascendgw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

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

    /**
     * How often the keys file is read again: a changed file takes effect without a restart (which would reload every
     * engine's model); a file that cannot be used leaves the keys in use. {@code 0} reads it only at start.
     */
    @WithDefault("5s")
    Duration keysFileCheckInterval();

    /**
     * The key the engines require (vLLM's {@code --api-key}, or a key of the gateways behind a router): sent as
     * {@code Authorization: Bearer} on everything the gateway asks of its engines and upstreams, in place of the
     * client's header. Without it a client's header passes on unless it carried one of this gateway's keys.
     */
    Optional<String> engineKey();

    /** {@code Bearer <engine key>}, or empty without an engine key. */
    default Optional<String> engineAuthorization() {
        return engineKey().filter(key -> !key.isBlank()).map(key -> "Bearer " + key.strip());
    }

    /** Bearer key required on {@code /metrics}; without it metrics are open. */
    Optional<String> metricsKey();

    /**
     * Which media URLs (pictures, video, audio) requests may name, since the engines fetch them from inside the
     * network: {@code any} (as vLLM alone), {@code data-only} (inline {@code data:} URLs only) or {@code listed-hosts}
     * (also http(s) URLs on {@link #mediaUrlHosts()}).
     */
    @WithDefault("any")
    String mediaUrls();

    /** With {@code media-urls: listed-hosts}: host names, or {@code *.domain} for a domain's hosts. */
    Optional<List<String>> mediaUrlHosts();
}
