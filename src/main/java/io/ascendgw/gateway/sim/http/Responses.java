package io.ascendgw.gateway.sim.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Small helpers for complete (non-streaming) answers; event-loop only. */
final class Responses {

    static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");

    private Responses() {
    }

    /** Ends with a JSON body and content-length (an empty body becomes an empty 5xx as 0.7.3 sends). */
    static void json(HttpServerResponse response, int status, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        if (body.isEmpty()) {
            response.end();
            return;
        }
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        response.end(Buffer.buffer(body));
    }

    /** Ends with an empty body (health checks). */
    static void empty(HttpServerResponse response, int status) {
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(status).end();
        }
    }
}
