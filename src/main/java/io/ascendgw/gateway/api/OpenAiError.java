package io.ascendgw.gateway.api;

import java.util.Collection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

/**
 * An error in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, with the HTTP status it is sent
 * with. {@code code} is a string (OpenAI) or, for errors relayed from vLLM, the engine's integer code.
 */
public record OpenAiError(int status, String message, String type, String param, Object code) {

    public static OpenAiError invalidRequest(String message, String param) {
        return new OpenAiError(400, message, "invalid_request_error", param, null);
    }

    public static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, "The model `" + model + "` does not exist.", "invalid_request_error", "model",
                "model_not_found");
    }

    /** OpenAI's answer to a path it does not serve, with where the OpenAI API and the full list are. */
    public static OpenAiError invalidUrl(String method, String path, Collection<String> openAiPaths) {
        return new OpenAiError(404, "Invalid URL (" + method + " " + path + "); the OpenAI API is at "
                + String.join(", ", openAiPaths) + ", and /q/openapi lists every path.", "invalid_request_error",
                null, "not_found");
    }

    public static OpenAiError methodNotAllowed(String method, String path, String allowed) {
        return new OpenAiError(405, "Method " + method + " is not allowed for " + path + "; use " + allowed + ".",
                "invalid_request_error", null, "method_not_allowed");
    }

    public static OpenAiError bodyTooLarge(long limit) {
        // Says which setting to raise: the usual cause is an image sent inline (base64) to a vision-language model.
        return new OpenAiError(413, "Request body is larger than the limit of " + limit
                + " bytes (the gateway's gateway.proxy.max-body-size).",
                "invalid_request_error", null, "request_too_large");
    }

    public static OpenAiError unsupportedMediaType(String contentType) {
        return new OpenAiError(415, "Unsupported Media Type: Only 'application/json' is allowed (got "
                + (contentType == null ? "none" : "'" + contentType + "'") + ").", "invalid_request_error", null,
                "unsupported_media_type");
    }

    public static OpenAiError unsupportedContentEncoding(String encoding) {
        return new OpenAiError(415, "Content-Encoding '" + encoding + "' is not supported; send the request body"
                + " uncompressed.", "invalid_request_error", null, "unsupported_content_encoding");
    }

    public static OpenAiError noEngine(String model) {
        return new OpenAiError(503, "No engine is ready to serve model `" + model + "`; try again shortly.",
                "service_unavailable", null, "no_healthy_engine");
    }

    public static OpenAiError upstreamUnavailable(String detail) {
        return new OpenAiError(502, "The engine could not be reached: " + detail, "api_error", null,
                "upstream_unavailable");
    }

    public static OpenAiError timeout(String detail) {
        return new OpenAiError(504, detail, "timeout_error", null, "upstream_timeout");
    }

    public static OpenAiError internal(String detail) {
        return new OpenAiError(500, detail, "api_error", null, null);
    }

    /** The error body as a JSON tree, for embedding (an SSE error event). */
    public ObjectNode toNode() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else if (code instanceof Number number) {
            error.put("code", number.intValue());
        } else {
            error.put("code", code.toString());
        }
        return root;
    }

    public Buffer toBuffer() {
        return Buffer.buffer(toNode().toString());
    }

    /**
     * The error as the Responses API ends a stream with it: an {@code error} event whose data carries the code,
     * message and param at the top level ({@code {"type":"error","code":...,"message":...,"param":...}}).
     */
    public Buffer toResponseErrorEvent() {
        ObjectNode error = (ObjectNode) toNode().get("error");
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "error");
        event.set("code", error.get("code"));
        event.set("message", error.get("message"));
        event.set("param", error.get("param"));
        return Buffer.buffer("event: error\ndata: " + event + "\n\n");
    }
}
