package io.ascendgw.gateway.engine;

/** A pool configuration the gateway refuses to start with; the message names the key. */
public final class PoolConfigException extends RuntimeException {

    public PoolConfigException(String message) {
        super(message, null, false, false);
    }
}
