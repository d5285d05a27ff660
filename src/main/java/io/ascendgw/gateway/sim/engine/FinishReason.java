package io.ascendgw.gateway.sim.engine;

/** Why a sequence finished, with vLLM's wire names. */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    ABORT("abort");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code finish_reason} / the {@code finished_reason} metric label. */
    public String wireName() {
        return wireName;
    }
}
