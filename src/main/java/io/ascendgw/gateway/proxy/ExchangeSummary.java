package io.ascendgw.gateway.proxy;

import io.ascendgw.gateway.api.ApiEndpoint;

/**
 * How one request went, for metrics and the access log. Times are {@link System#nanoTime()} values; an event that
 * did not happen is 0.
 *
 * @param engineId        the engine that answered (or last failed), or null when none was chosen
 * @param status          the status the client got (499 when it went away first)
 * @param outcome         {@code ok}, {@code client_error}, {@code engine_error}, {@code no_engine}, {@code timeout},
 *                        {@code cancelled}, {@code stream_error}, {@code queue_full}, {@code queue_timeout} or
 *                        {@code queue_displaced} (429 from the pool's admission queue)
 * @param upstreamSentNanos when the body was handed to the engine connection
 * @param upstreamFirstByteNanos when the engine's first body byte arrived
 * @param clientFirstByteNanos when the first byte went to the client
 * @param queuedNanos     time spent in the pool's admission queue (0 when it never waited there)
 */
public record ExchangeSummary(String requestId, ApiEndpoint endpoint, String model, boolean stream, String engineId,
        int status, String outcome, int attempts, long arrivalNanos, long upstreamSentNanos,
        long upstreamFirstByteNanos, long clientFirstByteNanos, long endNanos, long queuedNanos, Usage usage,
        String apiKeyName) {

    /** Identity of a request still in progress. */
    public record Partial(String requestId, ApiEndpoint endpoint, String model, String engineId, String apiKeyName) {
    }
}
