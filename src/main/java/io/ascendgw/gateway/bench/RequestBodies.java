package io.ascendgw.gateway.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Encodes a {@link PromptPlan} as an OpenAI request body: {@code max_tokens} with {@code ignore_eos} (so the output
 * has exactly that many tokens, as vLLM's benchmark does) and, when streaming, {@code stream_options.include_usage}
 * so token counts come from the server. Thread-safe (immutable).
 */
final class RequestBodies {

    private final Endpoint endpoint;
    private final String model;
    private final boolean stream;
    private final boolean ignoreEos;

    RequestBodies(Endpoint endpoint, String model, boolean stream, boolean ignoreEos) {
        this.endpoint = endpoint;
        this.model = model;
        this.stream = stream;
        this.ignoreEos = ignoreEos;
    }

    /** The JSON body for one request: the plan's own model when it drew one, else the run's model. */
    Buffer encode(PromptPlan plan) {
        JsonObject body = new JsonObject().put("model", plan.model().orElse(model));
        if (endpoint == Endpoint.CHAT) {
            JsonArray messages = new JsonArray();
            if (!plan.prefix().isEmpty()) {
                messages.add(new JsonObject().put("role", "system").put("content", plan.prefix()));
            }
            messages.add(new JsonObject().put("role", "user").put("content", plan.user()));
            body.put("messages", messages);
        } else {
            body.put("prompt", plan.completionPrompt());
        }
        body.put("max_tokens", plan.maxTokens());
        if (ignoreEos) {
            body.put("ignore_eos", true);
        }
        body.put("stream", stream);
        if (stream) {
            body.put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body.toBuffer();
    }
}
