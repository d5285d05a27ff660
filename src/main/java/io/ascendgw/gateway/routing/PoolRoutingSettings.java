package io.ascendgw.gateway.routing;

import java.time.Duration;

import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.routing.admission.QueueFairness;

/**
 * Everything that decides routing in one pool, after per-pool overrides were applied.
 *
 * @param maxInFlightPerEngine   gateway requests in flight at which an engine counts as saturated
 * @param maxWaitingPerEngine    scraped waiting requests at which an engine counts as saturated
 * @param queueMaxSize           requests that may wait in the pool's admission queue
 * @param queueTimeout           longest wait in that queue
 * @param queueFairness          whose waiting request is woken first
 * @param staleAfterNanos        scrapes older than this are ignored
 */
public record PoolRoutingSettings(String pool, RoutingPolicy policy, ScorerWeights weights, int maxInFlightPerEngine,
        int maxWaitingPerEngine, int queueMaxSize, Duration queueTimeout, QueueFairness queueFairness,
        PrefixSettings prefix,
        SessionSettings session, BreakerSettings breaker, long staleAfterNanos) {

    public PoolRoutingSettings {
        if (maxInFlightPerEngine < 1 || maxWaitingPerEngine < 1 || queueMaxSize < 0 || queueTimeout.isNegative()) {
            throw new GatewayConfigException("routing of pool " + pool + ": max-in-flight-per-engine >= 1, "
                    + "max-waiting-per-engine >= 1, queue max-size >= 0 and a non-negative queue timeout are required");
        }
    }

    /** Session table parameters. */
    public record SessionSettings(int tableSize, Duration idleTimeout) {
    }

    /** Circuit-breaker parameters. */
    public record BreakerSettings(int failureThreshold, Duration openDuration, Duration maxOpenDuration) {
        public BreakerSettings {
            if (failureThreshold < 1 || openDuration.isNegative() || maxOpenDuration.compareTo(openDuration) < 0) {
                throw new GatewayConfigException("gateway.routing.circuit-breaker: failure-threshold >= 1 and "
                        + "max-open-duration >= open-duration are required");
            }
        }
    }
}
