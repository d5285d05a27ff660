package io.ascendgw.gateway.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.proxy.JsonBytes;
import io.vertx.core.buffer.Buffer;

/**
 * Turns a request body into an {@link InferenceRequest}, or an {@link OpenAiError} naming the first problem. Checks
 * only what the gateway needs to route and what vLLM would also refuse; everything else (sampling ranges, lengths)
 * is the engine's to judge, and unknown fields pass through untouched.
 */
public final class RequestParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        // Bounded nesting and number sizes: hostile bodies fail fast as 400s instead of eating the stack or CPU.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(100).build());
    }

    private RequestParser() {
    }

    /** Parses and checks with the default limit on {@code n}. */
    public static InferenceRequest parse(ApiEndpoint endpoint, Buffer raw) {
        return parse(endpoint, raw, 16);
    }

    /** Parses and checks; throws {@link OpenAiException} with a 400 for anything the client got wrong. */
    public static InferenceRequest parse(ApiEndpoint endpoint, Buffer raw, int maxN) {
        ObjectNode body = readObject(raw);
        String model = optionalText(body, "model");
        if (!endpoint.generates()) {
            checkNonGeneratingBody(endpoint, body);
            return new InferenceRequest(endpoint, model, false, false, null, body, raw, null, false);
        }
        if (endpoint == ApiEndpoint.RESPONSES) {
            checkResponseInput(body.get("input"));
            return new InferenceRequest(endpoint, model, optionalBoolean(body, "stream"), false,
                    optionalText(body, "user"), body, raw, null, false);
        }
        checkCount(body, "n", maxN);
        checkCount(body, "best_of", maxN);
        boolean stream = optionalBoolean(body, "stream");
        JsonNode streamOptions = body.get("stream_options");
        boolean usageRequested = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw invalid("'stream_options' must be an object.", "stream_options");
            }
            JsonNode include = streamOptions.get("include_usage");
            // vLLM's default once the object is present is true.
            usageRequested = include == null || include.isNull() || include.asBoolean(false);
        }
        if (endpoint == ApiEndpoint.CHAT) {
            checkMessages(body.get("messages"));
        } else {
            checkPrompt(body.get("prompt"));
        }
        String user = optionalText(body, "user");
        return new InferenceRequest(endpoint, model, stream, usageRequested, user, body, raw, null, false);
    }

    private static ObjectNode readObject(Buffer raw) {
        if (raw.length() == 0) {
            throw invalid("The request body is empty; expected a JSON object.", null);
        }
        JsonNode node;
        // Closed when done, which hands the parser's buffers back for the next request.
        try (JsonParser parser = JsonBytes.parser(JSON.getFactory(), raw)) {
            node = JSON.readTree(parser);
        } catch (IOException e) {
            throw invalid("The request body is not valid JSON: " + firstLine(e.getMessage()), null);
        }
        if (node == null || !node.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        return (ObjectNode) node;
    }

    /**
     * {@code /v1/embeddings}, {@code /pooling}, {@code /classify}: an input (a string, or a non-empty list of strings
     * or token ids) or chat messages;
     * {@code /tokenize}: a prompt string or chat messages; {@code /detokenize}: a list of token ids; score:
     * {@code text_1} and {@code text_2}; rerank: a {@code query} and its {@code documents}.
     */
    private static void checkNonGeneratingBody(ApiEndpoint endpoint, ObjectNode body) {
        switch (endpoint) {
            case EMBEDDINGS, POOLING, CLASSIFY, TOKENIZE -> {
                if (body.has("messages")) {
                    checkMessages(body.get("messages"));
                } else if (endpoint != ApiEndpoint.TOKENIZE) {
                    checkEmbeddingInput(body.get("input"));
                } else {
                    checkTokenizePrompt(body.get("prompt"));
                }
            }
            case DETOKENIZE -> checkTokenIds(body.get("tokens"));
            case SCORE, SCORE_V1 -> {
                checkTexts(body.get("text_1"), "text_1");
                checkTexts(body.get("text_2"), "text_2");
            }
            case RERANK, RERANK_V1, RERANK_V2 -> {
                JsonNode query = body.get("query");
                if (query == null || query.isNull()) {
                    throw invalid("'query' is a required property.", "query");
                }
                if (!query.isTextual() && !query.isObject()) {
                    throw invalid("'query' must be a string.", "query");
                }
                checkTexts(body.get("documents"), "documents");
            }
            default -> throw new IllegalArgumentException(endpoint + " generates");
        }
    }

    private static void checkEmbeddingInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("'input' is a required property.", "input");
        }
        if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
            throw invalid("'input' must be a string, or a non-empty array of strings or token ids.", "input");
        }
    }

    /** The Responses API's {@code input}: a string, or a non-empty list of items (messages, tool outputs ...). */
    private static void checkResponseInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("'input' is a required property.", "input");
        }
        if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
            throw invalid("'input' must be a string or a non-empty array of input items.", "input");
        }
    }

    /** Texts to score: a string, or a non-empty list (of strings, or multimodal parts, which the engine judges). */
    private static void checkTexts(JsonNode texts, String field) {
        if (texts == null || texts.isNull()) {
            throw invalid("'" + field + "' is a required property.", field);
        }
        if (!texts.isTextual() && !texts.isObject() && !(texts.isArray() && !texts.isEmpty())) {
            throw invalid("'" + field + "' must be a string or a non-empty array of strings.", field);
        }
    }

    private static void checkTokenizePrompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw invalid("'prompt' (or 'messages') is a required property.", "prompt");
        }
        if (!prompt.isTextual()) {
            throw invalid("'prompt' must be a string.", "prompt");
        }
    }

    private static void checkTokenIds(JsonNode tokens) {
        if (tokens == null || tokens.isNull()) {
            throw invalid("'tokens' is a required property.", "tokens");
        }
        if (!tokens.isArray()) {
            throw invalid("'tokens' must be an array of token ids.", "tokens");
        }
        for (JsonNode id : tokens) {
            if (!id.canConvertToExactIntegral() || !id.canConvertToInt()) {
                throw invalid("'tokens' must be an array of token ids (got " + id + ").", "tokens");
            }
        }
    }

    private static void checkMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw invalid("'messages' is a required property.", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid("'messages' must be a non-empty array of message objects.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw invalid("'messages[" + i + "]' must be an object with a string 'role'.", "messages");
            }
        }
    }

    private static void checkPrompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw invalid("'prompt' is a required property.", "prompt");
        }
        boolean ok = prompt.isTextual() || (prompt.isArray() && !prompt.isEmpty());
        if (!ok) {
            throw invalid("'prompt' must be a string, an array of strings or an array of token ids.", "prompt");
        }
    }

    /** {@code n} and {@code best_of}: whole numbers from 1 to the limit (each is a full generation). */
    private static void checkCount(ObjectNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 1) {
            throw invalid("'" + field + "' must be an integer from 1 to " + max + " (got " + value + ").", field);
        }
        if (value.asInt() > max) {
            // Said so that whoever runs the gateway knows which setting to raise if the limit is in the way.
            throw invalid("'" + field + "' is " + value.asInt() + ", above this gateway's limit of " + max
                    + " choices per request (gateway.proxy.max-n).", field);
        }
    }

    private static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string.", field);
        }
        return value.asText();
    }

    private static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid("'" + field + "' must be a boolean.", field);
        }
        return value.booleanValue();
    }

    private static OpenAiException invalid(String message, String param) {
        return new OpenAiException(OpenAiError.invalidRequest(message, param));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
