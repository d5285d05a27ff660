package io.ascendgw.gateway.bench;

/** Receives progress snapshots while a run is going. */
@FunctionalInterface
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = progress -> {
    };

    /**
     * Called about once a second on the run's event loop: must be quick and must not block (printing a line is fine).
     */
    void onProgress(Progress progress);
}
