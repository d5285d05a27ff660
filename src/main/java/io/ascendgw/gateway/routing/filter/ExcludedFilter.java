package io.ascendgw.gateway.routing.filter;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Avoids engines that already failed this request. A preference only: when every engine failed it once, one of
 * them is tried again (a pooled connection the engine had just closed fails that way and works on a retry).
 */
public final class ExcludedFilter implements EndpointFilter {

    @Override
    public String name() {
        return "excluded";
    }

    @Override
    public Rejection rejection() {
        return Rejection.SOFT;
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        return request.excluded().isEmpty() || !request.excluded().contains(candidates.engine(index).id());
    }
}
