package io.ascendgw.gateway.sim.http;

/**
 * vLLM's {@code usage} object; keys in vLLM's order {@code prompt_tokens, total_tokens, completion_tokens}.
 *
 * @param promptTokens     prompt tokens (each prompt once)
 * @param completionTokens generated tokens, EOS included
 * @param cachedTokens     prompt tokens served from the prefix cache, or 0 when not reported
 */
record Usage(int promptTokens, int completionTokens, int cachedTokens) {

    /** Non-streaming form: always ends with {@code prompt_tokens_details} (null unless cached tokens are shown). */
    String responseJson() {
        return json(true);
    }

    /** Streaming form: {@code prompt_tokens_details} only when cached tokens are shown (exclude_none). */
    String chunkJson() {
        return json(false);
    }

    private String json(boolean withNull) {
        StringBuilder sb = new StringBuilder(112).append("{\"prompt_tokens\":").append(promptTokens)
                .append(",\"total_tokens\":").append(promptTokens + completionTokens)
                .append(",\"completion_tokens\":").append(completionTokens);
        if (cachedTokens > 0) {
            sb.append(",\"prompt_tokens_details\":{\"cached_tokens\":").append(cachedTokens).append('}');
        } else if (withNull) {
            sb.append(",\"prompt_tokens_details\":null");
        }
        return sb.append('}').toString();
    }
}
