package io.ascendgw.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Upstreams found through DNS ({@code gateway.discovery}). */
public interface DiscoveryConfig {

    /**
     * {@code host:port} names; every address a name resolves to is an upstream, re-resolved on the interval. A
     * Kubernetes headless Service name lists every server's gateway, so servers can be added without editing the
     * router's configuration.
     */
    Optional<List<String>> dns();

    /** Interval between resolutions (the JVM's own DNS cache is kept at most this long). */
    @WithDefault("10s")
    Duration interval();
}
