package io.ascendgw.gateway.proxy;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Told about each request as it crosses the proxy (metrics, the prefix index, the access log). All methods run on
 * the request's event loop and must not block.
 */
public interface ExchangeObserver {

    /** An attempt of the request was sent to {@code engine}. */
    default void onRouted(RoutingRequest request, Engine engine) {
    }

    /** An attempt failed before any byte reached the client and the request is tried elsewhere. */
    default void onRetry(RoutingRequest request, Engine failed, String reason) {
    }

    /**
     * A content event of a stream reached the client.
     *
     * @param sincePreviousNanos time since the previous event, or -1 for the first
     */
    default void onStreamEvent(ExchangeSummary.Partial request, long sincePreviousNanos) {
    }

    /** The request is over, whichever way it ended. */
    default void onFinished(ExchangeSummary summary) {
    }
}
