package io.ascendgw.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

/**
 * A parsed and checked generation request. {@link #raw()} holds the client's bytes, relayed unchanged unless the
 * gateway had to change the body (then {@link #upstreamBody()} re-serialises {@link #body()}).
 *
 * @param usageRequested whether the client asked for the final usage chunk of a stream
 * @param user           the OpenAI {@code user} field, if any
 */
public record InferenceRequest(ApiEndpoint endpoint, String model, boolean stream, boolean usageRequested,
        String user, ObjectNode body, Buffer raw, boolean bodyChanged) {

    /** The bytes to send to the engine. */
    public Buffer upstreamBody() {
        return bodyChanged ? Buffer.buffer(body.toString()) : raw;
    }

    /** A copy naming {@code servedModel} explicitly (the client left {@code model} out). */
    public InferenceRequest withModel(String servedModel) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", servedModel);
        return new InferenceRequest(endpoint, servedModel, stream, usageRequested, user, copy, raw, true);
    }

    /**
     * A copy that asks the engine for the usage chunk of a stream, so the gateway can count tokens; the relay drops
     * that chunk again because the client did not ask for it.
     */
    public InferenceRequest withUsageForced() {
        ObjectNode copy = body.deepCopy();
        // Keep the client's other stream options (continuous_usage_stats, ...).
        ObjectNode options = copy.get("stream_options") instanceof ObjectNode existing ? existing
                : copy.putObject("stream_options");
        options.put("include_usage", true);
        return new InferenceRequest(endpoint, model, stream, usageRequested, user, copy, raw, true);
    }

    /** Whether the engine will send a usage chunk the client did not ask for. */
    public boolean usageInjected() {
        return stream && !usageRequested && bodyChanged && body.path("stream_options").path("include_usage")
                .asBoolean(false);
    }
}
