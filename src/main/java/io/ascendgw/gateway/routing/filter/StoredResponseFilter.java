package io.ascendgw.gateway.routing.filter;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.session.StoredResponses;

/**
 * Sends a Responses API request that continues a response ({@code previous_response_id}) to the engine that answered
 * that response, the only one that can have stored it. A preference only: when that engine cannot take the request
 * (gone, restarting, already failed it) the request goes elsewhere and the engine there says whether it knows the
 * response. Other requests pass untouched.
 */
public final class StoredResponseFilter implements EndpointFilter {

    private final StoredResponses stored;

    public StoredResponseFilter(StoredResponses stored) {
        this.stored = stored;
    }

    @Override
    public String name() {
        return "stored-response";
    }

    @Override
    public Rejection rejection() {
        return Rejection.SOFT;
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        if (request.request().endpoint() != ApiEndpoint.RESPONSES) {
            return true;
        }
        JsonNode previous = request.request().body().get("previous_response_id");
        String holder = previous != null && previous.isTextual() ? stored.engineOf(previous.textValue()) : null;
        return holder == null || holder.equals(candidates.engine(index).id());
    }
}
