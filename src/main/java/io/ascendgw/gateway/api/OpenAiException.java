package io.ascendgw.gateway.api;

/** Carries an {@link OpenAiError} to the point where it is written; an expected condition, so no stack trace. */
public final class OpenAiException extends RuntimeException {

    private final transient OpenAiError error;

    public OpenAiException(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public OpenAiError error() {
        return error;
    }
}
