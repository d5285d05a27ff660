package io.ascendgw.gateway.routing.filter;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.RoutingRequest;

/**
 * Keeps engines below their limits: fewer than {@code maxInFlight} requests in flight from this gateway and fewer
 * than {@code maxWaiting} requests in the engine's own waiting queue (when a fresh scrape says so). When it removes
 * every engine, the request waits in the pool's admission queue. The chosen engine's slot is taken in the same atomic
 * step as the check ({@link #confirm}), so the in-flight limit holds exactly however many event loops decide at once.
 */
public final class SaturationFilter implements EndpointFilter {

    private final int maxInFlight;
    private final int maxWaiting;

    public SaturationFilter(int maxInFlight, int maxWaiting) {
        this.maxInFlight = maxInFlight;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public String name() {
        return "saturation";
    }

    @Override
    public Rejection rejection() {
        return Rejection.SATURATED;
    }

    @Override
    public boolean accept(RoutingRequest request, Candidates candidates, int index) {
        double waiting = candidates.waiting(index);
        return candidates.inFlight(index) < maxInFlight && !(waiting >= maxWaiting);
    }

    /** Counts the request on {@code chosen} unless the limit was reached since {@link #accept}. */
    @Override
    public boolean confirm(RoutingRequest request, Engine chosen) {
        return chosen.tryRequestStarted(maxInFlight);
    }

    @Override
    public void release(RoutingRequest request, Engine chosen) {
        chosen.requestEnded();
    }
}
