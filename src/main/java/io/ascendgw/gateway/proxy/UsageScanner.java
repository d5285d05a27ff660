package io.ascendgw.gateway.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.buffer.Buffer;

/**
 * Finds the {@code usage} object in a response body or SSE event without building a JSON tree of the whole body:
 * it looks for the last {@code "usage":{} and reads only that object, in the chat/completions naming
 * ({@code prompt_tokens}, {@code completion_tokens}) or the Responses API's ({@code input_tokens},
 * {@code output_tokens}).
 */
public final class UsageScanner {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] USAGE_KEY = "\"usage\":{".getBytes(StandardCharsets.US_ASCII);

    private UsageScanner() {
    }

    /** The usage in {@code bytes[from, to)}, or null when there is none. */
    public static Usage find(Buffer bytes, int from, int to) {
        return find(ByteSlice.of(bytes), from, to);
    }

    static Usage find(ByteSlice bytes, int from, int to) {
        // Searched from the end: engines write usage last, so a whole answer is not scanned to find it.
        int at = bytes.lastIndexOf(from, to, USAGE_KEY);
        if (at < 0) {
            return null;
        }
        long prompt = -1;
        long completion = -1;
        long cached = -1;
        long total = -1;
        int object = at + USAGE_KEY.length - 1;
        try (JsonParser parser = JSON.createParser(bytes.array(), bytes.offset() + object, to - object)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && ("prompt_tokens_details".equals(field)
                        || "input_tokens_details".equals(field))) {
                    cached = cachedTokens(parser);
                } else if (value.isNumeric()) {
                    switch (field) {
                        case "prompt_tokens", "input_tokens" -> prompt = parser.getLongValue();
                        case "completion_tokens", "output_tokens" -> completion = parser.getLongValue();
                        case "total_tokens" -> total = parser.getLongValue();
                        default -> {
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (prompt < 0 && completion < 0) {
            // vLLM's rerank before 0.11 reports only a total, and every one of its tokens is an input token.
            return total < 0 ? null : new Usage(total, 0, cached);
        }
        return new Usage(Math.max(prompt, 0), Math.max(completion, 0), cached);
    }

    private static long cachedTokens(JsonParser parser) throws IOException {
        long cached = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("cached_tokens".equals(field) && value.isNumeric()) {
                cached = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        return cached;
    }
}
