package io.ascendgw.gateway.sim.structured;

/**
 * A constraint on an answer's text (vLLM's structured outputs): the whole text the model would write under it, which
 * the engine then emits token by token like any answer. Implementations are immutable.
 */
public interface OutputStructure {

    /** The constrained answer of the sequence with this key (prompt, seed and sample index); deterministic. */
    String text(long key);
}
