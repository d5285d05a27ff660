package io.ascendgw.gateway.api;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * A parsed and checked generation request. {@link #raw()} holds the client's bytes; {@link #upstreamBody()} is what
 * the engine gets: those same bytes unless the gateway had to change something.
 *
 * @param usageRequested whether the client asked for the final usage chunk of a stream
 * @param user           the OpenAI {@code user} field, if any
 * @param upstream       the bytes for the engine, or null to send {@link #raw()} unchanged
 * @param usageInjected  whether the engine will send a usage chunk the client did not ask for (the relay drops it)
 */
public record InferenceRequest(ApiEndpoint endpoint, String model, boolean stream, boolean usageRequested,
        String user, ObjectNode body, Buffer raw, Buffer upstream, boolean usageInjected) {

    private static final byte[] FORCE_USAGE = ",\"stream_options\":{\"include_usage\":true}"
            .getBytes(StandardCharsets.US_ASCII);

    /** The bytes to send to the engine. */
    public Buffer upstreamBody() {
        return upstream != null ? upstream : raw;
    }

    /** A copy naming {@code servedModel} explicitly (the client left {@code model} out). */
    public InferenceRequest withModel(String servedModel) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", servedModel);
        return new InferenceRequest(endpoint, servedModel, stream, usageRequested, user, copy, raw,
                Buffer.buffer(copy.toString()), usageInjected);
    }

    /**
     * A copy that asks the engine for the usage chunk of a stream, so the gateway can count tokens; the relay drops
     * that chunk again because the client did not ask for it. Without {@code stream_options} in the body the option
     * is spliced into the client's bytes before the closing brace (no re-serialisation); otherwise the client's
     * other stream options are kept.
     */
    public InferenceRequest withUsageForced() {
        Buffer current = upstreamBody();
        if (!body.has("stream_options")) {
            int close = lastClosingBrace(current);
            if (close > 0) {
                Buffer spliced = Buffer.buffer(current.length() + FORCE_USAGE.length)
                        .appendBuffer(current, 0, close).appendBytes(FORCE_USAGE)
                        .appendBuffer(current, close, current.length() - close);
                return new InferenceRequest(endpoint, model, stream, usageRequested, user, body, raw, spliced, true);
            }
        }
        ObjectNode copy = body.deepCopy();
        ObjectNode options = copy.get("stream_options") instanceof ObjectNode existing ? existing
                : copy.putObject("stream_options");
        options.put("include_usage", true);
        return new InferenceRequest(endpoint, model, stream, usageRequested, user, copy, raw,
                Buffer.buffer(copy.toString()), true);
    }

    /** Index of the root object's closing brace: the last non-whitespace byte of a valid JSON object body. */
    private static int lastClosingBrace(Buffer bytes) {
        ByteBuf buf = bytes.getByteBuf();
        int at = buf.forEachByteDesc(b -> b == ' ' || b == '\n' || b == '\r' || b == '\t');
        return at >= buf.readerIndex() && buf.getByte(at) == '}' ? at - buf.readerIndex() : -1;
    }
}
