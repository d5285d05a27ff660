package io.ascendgw.gateway.routing.filter;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;

/** Keeps engines that serve the request's model (as they reported it, or as configured before they answered). */
public final class ModelFilter implements EndpointFilter {

    @Override
    public String name() {
        return "model";
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        return candidates.engine(index).serves(request.model());
    }
}
