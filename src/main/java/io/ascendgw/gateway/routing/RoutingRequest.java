package io.ascendgw.gateway.routing;

import java.util.Set;

import io.ascendgw.gateway.api.InferenceRequest;

/**
 * What a routing decision reads: the request (model, prompt, user) and the engines already tried for it.
 *
 * @param excluded ids of engines that failed this request before its first byte
 * @param sessionKey the {@code X-Session-Id} header or {@code user} field, or null
 */
public record RoutingRequest(String requestId, InferenceRequest request, Set<String> excluded, String sessionKey) {

    public String model() {
        return request.model();
    }
}
