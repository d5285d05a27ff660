package io.ascendgw.gateway.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A configuration the gateway refuses to start with; the message names the key. A Quarkus configuration error, so a
 * refused start prints that one message, not a stack trace.
 */
public final class GatewayConfigException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    public GatewayConfigException(String message) {
        super(message);
    }
}
