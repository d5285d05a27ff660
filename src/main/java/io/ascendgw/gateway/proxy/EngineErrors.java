package io.ascendgw.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.api.OpenAiError;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;

/**
 * Normalises an engine's error body to OpenAI's nested shape, keeping the engine's status and message. vLLM 0.7.3
 * sends a flat {@code {"object":"error",...}}, 0.10.1+ the nested form, FastAPI {@code {"detail":...}}, and a dead
 * 0.7.3 engine an empty body.
 */
public final class EngineErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineErrors() {
    }

    public static OpenAiError normalise(int status, Buffer body) {
        JsonNode root = parse(body);
        if (root != null && root.isObject()) {
            JsonNode nested = root.get("error");
            if (nested != null && nested.isObject()) {
                return fromFields(status, nested);
            }
            if (root.has("message")) {
                return fromFields(status, root);
            }
            JsonNode detail = root.get("detail");
            if (detail != null) {
                return new OpenAiError(status, detail.isTextual() ? detail.asText() : detail.toString(),
                        typeFor(status), null, status);
            }
            if (nested != null && nested.isTextual()) {
                return new OpenAiError(status, nested.asText(), typeFor(status), null, status);
            }
        }
        String text = body == null ? "" : body.toString().strip();
        String message = text.isEmpty() || text.length() > 500
                ? "The engine answered " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "."
                : text;
        return new OpenAiError(status, message, typeFor(status), null, status);
    }

    private static OpenAiError fromFields(int status, JsonNode fields) {
        String message = fields.path("message").asText("The engine answered " + status + ".");
        String type = fields.path("type").isTextual() ? fields.get("type").asText() : typeFor(status);
        String param = fields.path("param").isTextual() ? fields.get("param").asText() : null;
        JsonNode code = fields.get("code");
        Object codeValue = code == null || code.isNull() ? status : code.isNumber() ? code.intValue() : code.asText();
        return new OpenAiError(status, message, type, param, codeValue);
    }

    private static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return JSON.readTree(body.getBytes());
        } catch (Exception e) {
            return null;
        }
    }

    /** OpenAI's error type for a status, used when the engine gave none. */
    static String typeFor(int status) {
        if (status == 401) {
            return "authentication_error";
        }
        if (status == 404) {
            return "not_found_error";
        }
        if (status == 429) {
            return "rate_limit_exceeded";
        }
        return status < 500 ? "invalid_request_error" : "api_error";
    }
}
