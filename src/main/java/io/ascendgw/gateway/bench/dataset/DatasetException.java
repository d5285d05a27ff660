package io.ascendgw.gateway.bench.dataset;

/** A dataset file that cannot be replayed; the message names the file and, where it applies, the line. */
public final class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    DatasetException(String message) {
        super(message);
    }
}
