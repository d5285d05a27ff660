package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.format.PyFloat;

/**
 * The Responses API's response object as vLLM (0.10+, without Harmony) serialises it: the request's settings echoed,
 * one assistant message in {@code output} (none for an empty answer), and the usage once done. Immutable.
 *
 * @param id              {@code resp_...}, the request's {@code request_id}
 * @param createdAt       unix seconds
 * @param model           served model name
 * @param instructions    the request's instructions, or null
 * @param temperature     the sampling temperature used (1.0 by default)
 * @param topP            the top-p used (1.0 by default)
 * @param maxOutputTokens the output limit used (what is left of the context by default)
 * @param previousId      the response this one continues ({@code previous_response_id}), or null
 * @param user            the request's {@code user}, or null
 * @param textConfig      the request's {@code text} (its output format) as JSON, echoed; null when absent
 */
record ResponseObject(String id, long createdAt, String model, String instructions, double temperature, double topP,
        int maxOutputTokens, String previousId, String user, String textConfig) {

    /** The object while generating: {@code in_progress}, no output, no usage. */
    String inProgress() {
        return json("in_progress", null, null, null, 0);
    }

    /**
     * The finished object. vLLM reports {@code completed} whatever the finish reason (a length cut included), and
     * leaves the message out when the text is empty.
     */
    String completed(String messageId, String text, Usage usage) {
        return json("completed", messageId, text, usage, usage.cachedTokens());
    }

    private String json(String status, String messageId, String text, Usage usage, int cached) {
        StringBuilder sb = new StringBuilder(640 + (text == null ? 0 : text.length() + (text.length() >> 3)))
                .append("{\"id\":");
        JsonText.string(sb, id).append(",\"created_at\":").append(createdAt)
                .append(",\"incomplete_details\":null,\"instructions\":");
        JsonText.string(sb, instructions).append(",\"metadata\":null,\"model\":");
        JsonText.string(sb, model).append(",\"object\":\"response\",\"output\":[");
        if (text != null && !text.isEmpty()) {
            message(sb, messageId, text, "completed");
        }
        sb.append("],\"parallel_tool_calls\":true,\"temperature\":").append(PyFloat.repr(temperature))
                .append(",\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":").append(PyFloat.repr(topP))
                .append(",\"background\":false,\"max_output_tokens\":").append(maxOutputTokens)
                .append(",\"max_tool_calls\":null,\"previous_response_id\":");
        JsonText.string(sb, previousId)
                .append(",\"prompt\":null,\"reasoning\":null,\"service_tier\":\"auto\",\"status\":\"").append(status)
                .append("\",\"text\":").append(textConfig == null ? "null" : textConfig)
                .append(",\"top_logprobs\":null,\"truncation\":\"disabled\",\"usage\":");
        if (usage == null) {
            sb.append("null");
        } else {
            sb.append("{\"input_tokens\":").append(usage.promptTokens())
                    .append(",\"input_tokens_details\":{\"cached_tokens\":").append(cached)
                    .append("},\"output_tokens\":").append(usage.completionTokens())
                    .append(",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":")
                    .append(usage.promptTokens() + usage.completionTokens()).append('}');
        }
        sb.append(",\"user\":");
        return JsonText.string(sb, user).append('}').toString();
    }

    /** An assistant message item holding {@code text} as its one {@code output_text} part. */
    static StringBuilder message(StringBuilder sb, String itemId, String text, String status) {
        sb.append("{\"id\":");
        JsonText.string(sb, itemId).append(",\"content\":[");
        if (text != null) {
            outputText(sb, text);
        }
        return sb.append("],\"role\":\"assistant\",\"status\":\"").append(status).append("\",\"type\":\"message\"}");
    }

    /** An {@code output_text} content part. */
    static StringBuilder outputText(StringBuilder sb, String text) {
        sb.append("{\"annotations\":[],\"text\":");
        return JsonText.string(sb, text).append(",\"type\":\"output_text\",\"logprobs\":null}");
    }
}
