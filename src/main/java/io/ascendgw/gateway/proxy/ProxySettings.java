package io.ascendgw.gateway.proxy;

import java.time.Duration;

import io.ascendgw.gateway.config.ProxyConfig;

/** The proxy's plain settings, built once from {@link ProxyConfig}. */
public record ProxySettings(long maxBodyBytes, Duration bodyTimeout, Duration connectTimeout, Duration firstByteTimeout,
        Duration idleTimeout, Duration totalTimeout, int maxN, int maxRetries, Duration upstreamKeepAlive,
        int maxConnectionsPerEngine, boolean accessLog) {

    public static ProxySettings from(ProxyConfig config) {
        return new ProxySettings(config.maxBodySize().asLongValue(), config.bodyTimeout(), config.connectTimeout(),
                config.firstByteTimeout(), config.idleTimeout(), config.totalTimeout(), config.maxN(), config.maxRetries(),
                config.upstreamKeepAlive(), config.maxConnectionsPerEngine(), config.accessLog());
    }
}
