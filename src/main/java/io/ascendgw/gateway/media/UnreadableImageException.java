package io.ascendgw.gateway.media;

/** The bytes are no image whose header this package can read (PIL would say "cannot identify image file"). */
public final class UnreadableImageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** PIL's words for bytes it cannot open as an image. */
    public static final String PIL_MESSAGE = "cannot identify image file";

    public UnreadableImageException() {
        super(PIL_MESSAGE);
    }

    public UnreadableImageException(String detail) {
        super(PIL_MESSAGE + ": " + detail);
    }
}
