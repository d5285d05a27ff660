package io.ascendgw.gateway.api;

import java.util.concurrent.TimeUnit;

import io.ascendgw.gateway.proxy.DeadlineTimer;
import io.netty.util.Timeout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a size limit and within a time limit, failing with an {@link OpenAiException} (413 or
 * 408) as soon as either is crossed, so an oversized or slow-dripped upload never fills memory or holds a slot.
 */
public final class BodyReader {

    private BodyReader() {
    }

    public static Future<Buffer> read(DeadlineTimer deadlines, HttpServerRequest request, long maxBytes, long timeoutMillis) {
        Promise<Buffer> result = Promise.promise();
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            long expected;
            try {
                expected = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return Future.failedFuture(new OpenAiException(OpenAiError.invalidRequest(
                        "Content-Length is not a number.", null)));
            }
            if (expected > maxBytes) {
                return Future.failedFuture(new OpenAiException(OpenAiError.bodyTooLarge(maxBytes)));
            }
        }
        // Each chunk is the request's own copy of the bytes: the first one is kept and grows, so a body that comes in
        // one chunk (the usual case) is never copied.
        Buffer[] body = {null};
        request.handler(chunk -> {
            int length = body[0] == null ? 0 : body[0].length();
            if (length + chunk.length() > maxBytes) {
                result.tryFail(new OpenAiException(OpenAiError.bodyTooLarge(maxBytes)));
            } else if (!result.future().isComplete()) {
                body[0] = body[0] == null ? chunk : body[0].appendBuffer(chunk);
            }
        });
        request.endHandler(v -> result.tryComplete(body[0] == null ? Buffer.buffer(0) : body[0]));
        request.exceptionHandler(result::tryFail);
        request.resume();
        if (result.future().isComplete()) {
            // The whole body had already arrived with the headers (the usual case): no timer to arm.
            return result.future();
        }
        Timeout timer = deadlines.schedule(TimeUnit.MILLISECONDS.toNanos(timeoutMillis), Vertx.currentContext(),
                () -> result.tryFail(new OpenAiException(new OpenAiError(408, "The request body did not arrive within "
                        + timeoutMillis + " ms.", "invalid_request_error", null, "request_timeout"))));
        return result.future().onComplete(ar -> timer.cancel());
    }
}
