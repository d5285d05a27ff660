package io.ascendgw.gateway.routing;

/** How one attempt of a request on one engine ended, as far as the engine's health is concerned. */
public enum AttemptOutcome {
    /** The engine answered (any status below 500, a complete stream, or an error event it sent in-band). */
    SUCCEEDED,
    /** Connection refused or reset, a 5xx, or the stream broke: the engine's fault. */
    ENGINE_FAILED,
    /** The engine sent nothing in time (first byte, or idle mid-stream). */
    ENGINE_TIMEOUT,
    /** Ended for reasons unrelated to the engine: the client went away, or the request's total time ran out. */
    ABANDONED
}
