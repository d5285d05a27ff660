package io.ascendgw.gateway.routing;

import java.util.Set;

import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.routing.prefix.PromptBlocks;

/**
 * What a routing decision reads: the request (model, prompt, user) and the engines already tried for it. One per
 * attempt; {@link #prompt()} is shared by all attempts of a request so its prefix is hashed once.
 *
 * @param excluded   ids of engines that failed this request before its first byte
 * @param sessionKey the {@code X-Session-Id} header or {@code user} field, or null
 * @param prompt     the prompt's prefix blocks, rendered and hashed on first use
 * @param admitted   the request already holds its turn (woken from the queue, or a retry), so it does not queue
 *                   behind later arrivals
 * @param createdNanos when this attempt was decided (and sent, a moment later), for the circuit breaker
 * @param tenant     the API key's name, or null without API keys, for the admission queue's fairness
 */
public record RoutingRequest(String requestId, InferenceRequest request, Set<String> excluded, String sessionKey,
        PromptBlocks prompt, boolean admitted, long createdNanos, String tenant) {

    /** An attempt of {@code tenant}'s request decided now. */
    public RoutingRequest(String requestId, InferenceRequest request, Set<String> excluded, String sessionKey,
            PromptBlocks prompt, boolean admitted, String tenant) {
        this(requestId, request, excluded, sessionKey, prompt, admitted, System.nanoTime(), tenant);
    }

    /** An attempt decided now, of a request without an API key. */
    public RoutingRequest(String requestId, InferenceRequest request, Set<String> excluded, String sessionKey,
            PromptBlocks prompt, boolean admitted) {
        this(requestId, request, excluded, sessionKey, prompt, admitted, null);
    }

    /** A first attempt. */
    public RoutingRequest(String requestId, InferenceRequest request, Set<String> excluded, String sessionKey) {
        this(requestId, request, excluded, sessionKey, new PromptBlocks(request), false);
    }

    public String model() {
        return request.model();
    }
}
