package io.ascendgw.gateway.routing;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.admission.AdmissionQueue;

/** The outcome of routing one attempt of a request. */
public sealed interface RoutingDecision {

    /**
     * Send the attempt to {@code engine}, on which it is counted in flight already: whoever gets this decision ends
     * the request there ({@link Engine#requestEnded}) once it is over, or at once when it is not sent after all.
     *
     * @param candidates  engines that passed the filters
     * @param prefixMatch share of the prompt's hashed prefix blocks the chosen engine was believed to hold (0-1), or
     *                    NaN when the policy does not look at prefixes or the prompt has no full block
     * @param scores      the chosen engine's score from each scorer
     * @param decisionNanos time the decision took
     */
    record Routed(Engine engine, String pool, RoutingPolicy policy, int candidates, double prefixMatch,
            ScoreCard scores, long decisionNanos) implements RoutingDecision {

        /** Whether the request went to the engine its session was bound to. */
        public boolean sessionHit() {
            return scores.get("session") > 0;
        }
    }

    /** Every engine that could serve is at its limit: wait in {@code queue} until one frees up. */
    record Saturated(String pool, AdmissionQueue queue) implements RoutingDecision {
    }

    /**
     * No engine can serve at all.
     *
     * @param reason the filter that removed the last engine ({@code ready}, {@code model}, {@code circuit-breaker})
     *               or {@code no-pool} when no engine serves the model
     */
    record Unavailable(String pool, String reason) implements RoutingDecision {
    }
}
