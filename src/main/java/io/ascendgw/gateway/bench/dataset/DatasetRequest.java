package io.ascendgw.gateway.bench.dataset;

import java.util.List;
import java.util.OptionalInt;

import io.vertx.core.json.JsonObject;

/**
 * One recorded request of a dataset, ready for either endpoint. The JSON objects are shared by every request built
 * from this one and must not be modified.
 *
 * @param prompt the text sent to {@code /v1/completions}: the recorded prompt, or a chat's message texts joined by
 *     blank lines
 * @param messages the messages sent to {@code /v1/chat/completions}: the recorded ones, or the prompt as one user
 *     message
 * @param outputTokens the recorded answer's length (its {@code max_tokens}, or the estimated tokens of the recorded
 *     reply), when the record has one
 * @param fields other request fields of a recorded OpenAI batch request (temperature, response_format, …), sent as
 *     they were; empty for other formats
 */
public record DatasetRequest(String prompt, List<JsonObject> messages, OptionalInt outputTokens, JsonObject fields) {

    public DatasetRequest {
        messages = List.copyOf(messages);
    }

    /** A prompt-only record: one user message on the chat endpoint. */
    static DatasetRequest ofPrompt(String prompt, OptionalInt outputTokens, JsonObject fields) {
        return new DatasetRequest(prompt, List.of(new JsonObject().put("role", "user").put("content", prompt)),
                outputTokens, fields);
    }
}
