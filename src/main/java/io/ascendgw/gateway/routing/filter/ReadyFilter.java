package io.ascendgw.gateway.routing.filter;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;

/** Keeps engines in the Ready state (not starting, draining, backing off, failed or stopped). */
public final class ReadyFilter implements EndpointFilter {

    @Override
    public String name() {
        return "ready";
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        return candidates.engine(index).routable();
    }
}
