package io.ascendgw.gateway.proxy;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.vertx.core.buffer.Buffer;

/** JSON parsers over bytes where they lie: bodies read by Vert.x are heap buffers, so parsing them copies nothing. */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** A parser over the readable bytes of {@code buffer}; off-heap bytes are copied first ({@link ByteSlice#of}). */
    public static JsonParser parser(JsonFactory factory, Buffer buffer) throws IOException {
        ByteSlice bytes = ByteSlice.of(buffer);
        return factory.createParser(bytes.array(), bytes.offset(), bytes.length());
    }
}
