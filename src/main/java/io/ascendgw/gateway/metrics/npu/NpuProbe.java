package io.ascendgw.gateway.metrics.npu;

import java.util.concurrent.CompletionStage;

/**
 * Reads the NPUs' state, e.g. by running {@code npu-smi info}. One probe covers all NPUs and processes of the host.
 */
public interface NpuProbe extends AutoCloseable {

    /**
     * Starts a probe, or joins the one already running (single flight: concurrent callers share one run).
     *
     * <p>Threading: never blocks, so it may be called from a Vert.x event loop. The returned stage completes on the
     * probe's own worker thread, never exceptionally (failures are {@link NpuProbeResult} values); callers on an
     * event loop must hop back to their context before touching its state.
     */
    CompletionStage<NpuProbeResult> probe();

    /**
     * Stops the probe: kills a running process tree and releases the worker threads. Idempotent; afterwards
     * {@link #probe()} returns a failed result at once. Does not block; callable from any thread.
     */
    @Override
    void close();
}
