package io.ascendgw.gateway.sim.text;

/** Where a sequence's output tokens come from, one piece of text per token; owned by the engine thread. */
public interface TextSource {

    /** The next piece (one token of text). */
    String next();
}
