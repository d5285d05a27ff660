package io.ascendgw.gateway.proxy;

import java.time.Duration;

import io.ascendgw.gateway.config.ProxyConfig;
import io.ascendgw.gateway.config.SecurityConfig;

/**
 * The proxy's plain settings, built once from {@link ProxyConfig} and the engine key of {@link SecurityConfig}.
 *
 * @param engineAuthorization the {@code Authorization} engines get instead of the client's, or null
 */
public record ProxySettings(long maxBodyBytes, Duration bodyTimeout, Duration connectTimeout, Duration firstByteTimeout,
        Duration idleTimeout, Duration totalTimeout, int maxN, int maxRetries, Duration upstreamKeepAlive,
        int maxConnectionsPerEngine, boolean accessLog, String engineAuthorization) {

    public static ProxySettings from(ProxyConfig config, SecurityConfig security) {
        return new ProxySettings(config.maxBodySize().asLongValue(), config.bodyTimeout(), config.connectTimeout(),
                config.firstByteTimeout(), config.idleTimeout(), config.totalTimeout(), config.maxN(), config.maxRetries(),
                config.upstreamKeepAlive(), config.maxConnectionsPerEngine(), config.accessLog(),
                security.engineAuthorization().orElse(null));
    }
}
