package io.ascendgw.gateway.sim.images;

/**
 * Why an image could not be loaded, in the terms vLLM answers it: a {@link Kind#BAD_REQUEST} is an exception its chat
 * preprocessing catches (a 400, whose V1 message ends in the exception's cause, {@code None} when it has none); an
 * {@link Kind#INTERNAL} one escapes to the route (a 500 carrying the exception's text). No stack trace: these are
 * expected outcomes.
 */
public final class ImageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How vLLM's serving layer answers the exception. */
    public enum Kind {
        BAD_REQUEST, INTERNAL
    }

    private final Kind kind;
    private final String cause;

    private ImageFailure(Kind kind, String message, String cause) {
        super(message, null, false, false);
        this.kind = kind;
        this.cause = cause;
    }

    /** A 400 whose exception has no cause. */
    public static ImageFailure badRequest(String message) {
        return new ImageFailure(Kind.BAD_REQUEST, message, null);
    }

    /** A 400 raised {@code from} an exception with text {@code cause}. */
    public static ImageFailure badRequest(String message, String cause) {
        return new ImageFailure(Kind.BAD_REQUEST, message, cause);
    }

    /** A 500 with the exception's text. */
    public static ImageFailure internal(String message) {
        return new ImageFailure(Kind.INTERNAL, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The text of the exception this one was raised from, null when none. */
    public String causeText() {
        return cause;
    }
}
