package io.ascendgw.gateway.sim.engine;

import java.util.List;

/** Receives a request's output from the engine. */
public interface GenerationListener {

    /**
     * Called on the engine thread after a step in which the request made progress. Streaming requests get one
     * delta per choice that produced a token; non-streaming requests are called only once, with an empty list and
     * the result. Must not block: hand the data to the request's event loop.
     *
     * @param deltas new tokens of this step (streaming only)
     * @param result the final result once every choice finished, else null
     */
    void onStep(List<ChoiceDelta> deltas, GenerationResult result);

    /**
     * Called on the engine thread when the engine failed the request (the engine died). No further calls follow.
     * Must not block.
     */
    void onFailed(String message);
}
