package io.ascendgw.gateway.config;

import io.smallrye.config.WithDefault;

/** Which engine a request goes to ({@code gateway.routing}). */
public interface RoutingConfig {

    /** {@code least-request}, {@code round-robin} or {@code default} (load, KV-cache and prefix aware). */
    @WithDefault("default")
    String policy();
}
