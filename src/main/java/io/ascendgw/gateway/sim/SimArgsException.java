package io.ascendgw.gateway.sim;

/** A command-line value argparse would reject ({@code argument --port: invalid int value: 'x'}). */
public final class SimArgsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimArgsException(String message) {
        super(message, null, false, false);
    }
}
