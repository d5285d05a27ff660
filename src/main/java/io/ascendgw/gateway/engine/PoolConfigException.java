package io.ascendgw.gateway.engine;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A pool configuration the gateway refuses to start with; the message names the key. A Quarkus configuration error,
 * so a refused start prints that one message, not a stack trace.
 */
public final class PoolConfigException extends ConfigurationException {

    public PoolConfigException(String message) {
        super(message);
    }
}
