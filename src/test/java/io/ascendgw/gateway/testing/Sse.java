package io.ascendgw.gateway.testing;

import java.util.ArrayList;
import java.util.List;

/** Splits an SSE body into the payloads of its {@code data:} events, checking vLLM's exact framing on the way. */
public final class Sse {

    private Sse() {
    }

    /**
     * The payloads of {@code body}'s events, in order. Throws if an event is not exactly {@code data: <payload>} or
     * the body does not end with a blank line.
     */
    public static List<String> payloads(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line: ..." + tail(body));
        }
        List<String> payloads = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            if (!event.startsWith("data: ") || event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
                throw new AssertionError("not a single 'data: ' line: " + event);
            }
            payloads.add(event.substring(6));
        }
        return payloads;
    }

    private static String tail(String s) {
        return s.length() < 80 ? s : s.substring(s.length() - 80);
    }
}
