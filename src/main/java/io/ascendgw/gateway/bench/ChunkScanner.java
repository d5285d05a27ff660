package io.ascendgw.gateway.bench;

import java.nio.charset.StandardCharsets;

/**
 * Light byte-level scan of OpenAI stream chunks and response bodies, so the hot path never builds a JSON tree: is
 * it {@code [DONE]}, an in-band {@code {"error": …}} event, does it carry a non-empty {@code content}/{@code text}
 * (or reasoning, or tool-call arguments) string, and what are the {@code usage} token counts. Stateless and thread-safe.
 */
final class ChunkScanner {

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROMPT_TOKENS_KEY = "\"prompt_tokens\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMPLETION_TOKENS_KEY = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] CONTENT_KEYS = {
        "\"content\"".getBytes(StandardCharsets.US_ASCII),
        "\"text\"".getBytes(StandardCharsets.US_ASCII),
        "\"reasoning_content\"".getBytes(StandardCharsets.US_ASCII),
        "\"reasoning\"".getBytes(StandardCharsets.US_ASCII),
        // a streamed tool call's pieces
        "\"arguments\"".getBytes(StandardCharsets.US_ASCII),
    };

    /** Token counts from a {@code usage} object. */
    record Usage(int promptTokens, int completionTokens) {
    }

    private ChunkScanner() {
    }

    /** True for the {@code [DONE]} sentinel (surrounding whitespace allowed). */
    static boolean isDone(byte[] data, int length) {
        int start = skipWhitespace(data, 0, length);
        int end = length;
        while (end > start && isWhitespace(data[end - 1])) {
            end--;
        }
        if (end - start != DONE.length) {
            return false;
        }
        for (int i = 0; i < DONE.length; i++) {
            if (data[start + i] != DONE[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the payload is an object whose first key is {@code "error"} (vLLM's in-band stream error). */
    static boolean isError(byte[] data, int length) {
        int i = skipWhitespace(data, 0, length);
        if (i >= length || data[i] != '{') {
            return false;
        }
        i = skipWhitespace(data, i + 1, length);
        return regionMatches(data, i, length, ERROR_KEY);
    }

    /** True when some content/text/reasoning key has a non-empty string value. */
    static boolean hasContent(byte[] data, int length) {
        for (byte[] key : CONTENT_KEYS) {
            int from = 0;
            int at;
            while ((at = indexOf(data, length, key, from)) >= 0) {
                int value = valueStart(data, length, at + key.length);
                if (value >= 0 && value + 1 < length && data[value] == '"' && data[value + 1] != '"') {
                    return true;
                }
                from = at + key.length;
            }
        }
        return false;
    }

    /** The usage counts when the payload has a {@code "usage":{…}} object (not {@code null}), else null. */
    static Usage usage(byte[] data, int length) {
        int from = 0;
        int at;
        while ((at = indexOf(data, length, USAGE_KEY, from)) >= 0) {
            int value = valueStart(data, length, at + USAGE_KEY.length);
            if (value >= 0 && data[value] == '{') {
                // Nested *_details objects may come first or last; no other key of these names follows usage.
                return new Usage(intAfterKey(data, length, PROMPT_TOKENS_KEY, value),
                        intAfterKey(data, length, COMPLETION_TOKENS_KEY, value));
            }
            from = at + USAGE_KEY.length;
        }
        return null;
    }

    /** Decodes a short UTF-8 excerpt for error samples. */
    static String excerpt(byte[] data, int length, int max) {
        return new String(data, 0, Math.min(length, max), StandardCharsets.UTF_8);
    }

    private static int intAfterKey(byte[] data, int end, byte[] key, int from) {
        int at = indexOf(data, end, key, from);
        if (at < 0) {
            return -1;
        }
        int i = valueStart(data, end, at + key.length);
        if (i < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        while (i < end && data[i] >= '0' && data[i] <= '9' && digits < 10) {
            value = value * 10 + (data[i] - '0');
            i++;
            digits++;
        }
        return digits == 0 ? -1 : (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** Index of the first byte of the value after {@code key} and {@code :}, or -1. */
    private static int valueStart(byte[] data, int length, int afterKey) {
        int i = skipWhitespace(data, afterKey, length);
        if (i >= length || data[i] != ':') {
            return -1;
        }
        i = skipWhitespace(data, i + 1, length);
        return i < length ? i : -1;
    }

    private static int indexOf(byte[] data, int length, byte[] key, int from) {
        byte first = key[0];
        int last = length - key.length;
        for (int i = from; i <= last; i++) {
            if (data[i] == first && regionMatches(data, i, length, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] data, int at, int length, byte[] key) {
        if (at + key.length > length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (data[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhitespace(byte[] data, int from, int length) {
        int i = from;
        while (i < length && isWhitespace(data[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
