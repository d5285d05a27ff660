package io.ascendgw.gateway.routing.scorer;

import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.session.SessionTable;

/**
 * The engine the request's session was last routed to scores 1, every other 0; requests without a session key
 * score 0 everywhere. See {@code SessionAffinityScorer.md}.
 */
public final class SessionAffinityScorer implements EndpointScorer {

    private final SessionTable sessions;

    public SessionAffinityScorer(SessionTable sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "session";
    }

    @Override
    public Category category() {
        return Category.AFFINITY;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        String key = request.sessionKey();
        String bound = key == null ? null : sessions.engineOf(key, System.nanoTime());
        for (int i = 0; i < candidates.size(); i++) {
            scores[i] = bound != null && bound.equals(candidates.engine(i).id()) ? 1 : 0;
        }
    }

    @Override
    public void onPicked(RoutingRequest request, Candidates candidates, int chosen) {
        if (request.sessionKey() != null) {
            sessions.bind(request.sessionKey(), candidates.engine(chosen).id(), System.nanoTime());
        }
    }
}
