package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.GenerationResult;

/** JSON bodies and SSE events of one endpoint in one vLLM version; stateless, any thread. */
interface WireFormat {

    /** A StringBuilder size that fits a whole non-streaming answer, so building it never regrows the buffer. */
    static int capacity(GenerationResult result) {
        int size = 512;
        for (ChoiceResult c : result.choices()) {
            size += 256 + c.text().length() + (c.text().length() >> 3);
        }
        return size;
    }


    /** The non-streaming response body; {@code top} is chat's {@code top_logprobs}. */
    String response(RequestMeta meta, GenerationResult result, Usage usage, int top);

    /** Appends the role event of choice {@code index} (chat only; completions append nothing). */
    void roleEvent(StringBuilder sb, String chunkHead, int index, String usageJson);

    /** Appends the event repeating a continued assistant message after the role event (chat's echo). */
    default void echoEvent(StringBuilder sb, String chunkHead, int index, String text) {
    }

    /** Whether an echo goes in front of a choice's first token event (completions) instead of its own event. */
    default boolean echoInFirstToken() {
        return false;
    }

    /** Appends one token event; {@code usageJson} is set only for continuous usage stats. */
    void deltaEvent(StringBuilder sb, String chunkHead, TokenEvent event, String usageJson);

    /** Appends the final usage event ({@code "choices":[]}). */
    default void usageEvent(StringBuilder sb, String chunkHead, String usageJson) {
        sb.append("data: ").append(chunkHead).append("\"choices\":[],\"usage\":").append(usageJson).append("}\n\n");
    }

    /** The chunk head ({@code object} of streaming chunks). */
    String chunkHead(RequestMeta meta);
}
