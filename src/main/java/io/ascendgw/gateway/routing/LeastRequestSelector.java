package io.ascendgw.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;

/** The ready engine serving the model with the fewest requests in flight; ties broken at random. */
public final class LeastRequestSelector implements EngineSelector {

    private final EngineRegistry registry;

    public LeastRequestSelector(EngineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Engine> select(RoutingRequest request) {
        Engine best = pick(registry.all(), request, true);
        if (best == null) {
            // Every candidate already failed this request once; a second try on one of them beats giving up
            // (a pooled connection the engine had just closed fails that way).
            best = pick(registry.all(), request, false);
        }
        return Optional.ofNullable(best);
    }

    private static Engine pick(List<Engine> engines, RoutingRequest request, boolean skipExcluded) {
        Engine best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (Engine engine : engines) {
            if (!engine.routable() || !engine.serves(request.model())
                    || (skipExcluded && request.excluded().contains(engine.id()))) {
                continue;
            }
            int load = engine.inFlight();
            if (load < bestLoad) {
                best = engine;
                bestLoad = load;
                ties = 1;
            } else if (load == bestLoad && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                best = engine;
            }
        }
        return best;
    }
}
