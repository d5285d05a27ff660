package io.ascendgw.gateway.bench;

/** Bad command-line flags; the message says what is wrong and names the flag. Exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
