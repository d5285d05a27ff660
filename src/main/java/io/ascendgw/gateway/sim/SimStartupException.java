package io.ascendgw.gateway.sim;

/** The simulated engine cannot start (for instance the KV cache cannot hold one max-length request). */
public final class SimStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimStartupException(String message) {
        super(message, null, false, false);
    }
}
