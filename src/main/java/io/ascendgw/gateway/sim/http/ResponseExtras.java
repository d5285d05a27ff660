package io.ascendgw.gateway.sim.http;

/**
 * What a request's answer carries besides the generated text.
 *
 * @param echoes what {@code echo} puts in front of each choice ({@link Echoes#NONE} without echo)
 * @param top    chat {@code top_logprobs}: candidates shown per position (completions show all the engine gives)
 */
record ResponseExtras(Echoes echoes, int top) {

    static final ResponseExtras NONE = new ResponseExtras(Echoes.NONE, 0);
}
