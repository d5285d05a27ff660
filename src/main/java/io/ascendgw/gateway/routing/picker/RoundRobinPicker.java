package io.ascendgw.gateway.routing.picker;

import java.util.concurrent.atomic.AtomicLong;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointPicker;

/** Each candidate in turn, ignoring scores; the turn counter is shared by the pool's decisions. */
public final class RoundRobinPicker implements EndpointPicker {

    private final AtomicLong next = new AtomicLong();

    @Override
    public String name() {
        return "round-robin";
    }

    @Override
    public int pick(Candidates candidates, double[] totals) {
        return (int) Math.floorMod(next.getAndIncrement(), (long) candidates.size());
    }
}
