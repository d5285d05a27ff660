package io.ascendgw.gateway.proxy;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** JSON parsers over bytes where they lie: bodies read by Vert.x are heap buffers, so parsing them copies nothing. */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** A parser over {@code bytes[from, to)} (absolute indices); off-heap bytes are copied first. */
    public static JsonParser parser(JsonFactory factory, ByteBuf bytes, int from, int to) throws IOException {
        if (bytes.hasArray()) {
            return factory.createParser(bytes.array(), bytes.arrayOffset() + from, to - from);
        }
        return factory.createParser(ByteBufUtil.getBytes(bytes, from, to - from));
    }
}
