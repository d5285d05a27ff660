package io.ascendgw.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/**
 * Finds a Responses API response's id in a response object or in the event that carries one, without parsing it:
 * vLLM (like OpenAI) writes {@code id} as the object's first field, so the first {@code "id":"...} is it. Anything
 * that does not look like a response id ({@code resp_...}) is not taken for one.
 */
final class ResponseIds {

    private static final byte[] ID_KEY = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "resp";
    /** Longer than any id vLLM makes; a bound on what a stray match can read. */
    private static final int MAX_LENGTH = 256;

    private ResponseIds() {
    }

    /** The response id in {@code bytes[from, to)}, or null. */
    static String find(Buffer bytes, int from, int to) {
        return find(ByteSlice.of(bytes), from, to);
    }

    static String find(ByteSlice bytes, int from, int to) {
        int key = bytes.indexOf(from, to, ID_KEY);
        if (key < 0) {
            return null;
        }
        int start = key + ID_KEY.length;
        int end = bytes.indexOf(start, Math.min(to, start + MAX_LENGTH), (byte) '"');
        if (end < 0) {
            return null;
        }
        String id = bytes.utf8(start, end);
        return id.startsWith(PREFIX) && id.indexOf('\\') < 0 ? id : null;
    }
}
