package io.ascendgw.gateway.lora;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.api.OpenAiException;
import io.vertx.core.buffer.Buffer;

/**
 * A {@code /v1/load_lora_adapter} or {@code /v1/unload_lora_adapter} body, as vLLM takes it, plus the gateway's
 * optional {@code base_model_name} (which model's engines get the adapter, when the gateway serves several).
 *
 * @param name      {@code lora_name}
 * @param path      {@code lora_path}; null for an unload
 * @param baseModel {@code base_model_name}, or null
 * @param body      the body as the client sent it, relayed to the engines unchanged (vLLM ignores what it does not
 *                  know, and newer versions add fields)
 */
record AdapterRequest(String name, String path, String baseModel, Buffer body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a body; throws {@link OpenAiException} (400) for anything vLLM would refuse before loading. */
    static AdapterRequest parse(Buffer body, boolean load) {
        JsonNode root;
        try {
            root = JSON.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw new OpenAiException(OpenAiError.invalidRequest("The request body is not valid JSON: "
                    + e.getOriginalMessage(), null));
        } catch (IOException e) {
            throw new OpenAiException(OpenAiError.invalidRequest("The request body could not be read.", null));
        }
        if (root == null || !root.isObject()) {
            throw new OpenAiException(OpenAiError.invalidRequest("The request body must be a JSON object.", null));
        }
        String name = text(root, "lora_name", true);
        String path = load ? text(root, "lora_path", true) : null;
        String base = text(root, "base_model_name", false);
        return new AdapterRequest(name, path, base, body);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new OpenAiException(OpenAiError.invalidRequest("'" + field + "' is required.", field));
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new OpenAiException(OpenAiError.invalidRequest("'" + field + "' must be a non-empty string.",
                    field));
        }
        return value.textValue();
    }
}
