package io.ascendgw.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.routing.admission.AdmissionQueue;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;
import io.ascendgw.gateway.routing.filter.CircuitBreakerFilter;
import io.ascendgw.gateway.routing.filter.ExcludedFilter;
import io.ascendgw.gateway.routing.filter.ModelFilter;
import io.ascendgw.gateway.routing.filter.ReadyFilter;
import io.ascendgw.gateway.routing.filter.SaturationFilter;
import io.ascendgw.gateway.routing.filter.StoredResponseFilter;
import io.ascendgw.gateway.routing.lora.RecentAdapters;
import io.ascendgw.gateway.routing.picker.MaxScorePicker;
import io.ascendgw.gateway.routing.picker.RoundRobinPicker;
import io.ascendgw.gateway.routing.prefix.ApproximatePrefixIndex;
import io.ascendgw.gateway.routing.prefix.BytesPerToken;
import io.ascendgw.gateway.routing.prefix.PrefixAffinity;
import io.ascendgw.gateway.routing.scorer.InFlightScorer;
import io.ascendgw.gateway.routing.scorer.KvCacheScorer;
import io.ascendgw.gateway.routing.scorer.LoraAffinityScorer;
import io.ascendgw.gateway.routing.scorer.PrefillScorer;
import io.ascendgw.gateway.routing.scorer.PrefixAffinityScorer;
import io.ascendgw.gateway.routing.scorer.QueueDepthScorer;
import io.ascendgw.gateway.routing.scorer.SessionAffinityScorer;
import io.ascendgw.gateway.routing.session.SessionTable;
import io.ascendgw.gateway.routing.session.StoredResponses;

/**
 * Everything that routes one pool: its pipeline (built from the pool's policy and weights), its admission queue
 * and, for the default policy, its prefix-cache model. Immutable; the parts are thread-safe. Breakers,
 * bytes-per-token and the prefill tracker are shared by all pools.
 *
 * @param prefix the prefix-cache model, or null when the policy does not use one
 */
public record PoolRouter(PoolRoutingSettings settings, RoutingPipeline pipeline, AdmissionQueue queue,
        PrefixAffinity prefix) {

    /** Builds the parts for {@code settings}; breakers, bytes-per-token, prefills and stored responses are shared. */
    public static PoolRouter create(PoolRoutingSettings settings, CircuitBreakers breakers,
            BytesPerToken bytesPerToken, PrefillTracker prefills, StoredResponses storedResponses) {
        AdmissionQueue queue = new AdmissionQueue(settings.pool(), settings.queueMaxSize(), settings.queueTimeout(),
                settings.queueFairness());
        List<EndpointFilter> filters = List.of(new ReadyFilter(), new ModelFilter(), new ExcludedFilter(),
                new StoredResponseFilter(storedResponses), new CircuitBreakerFilter(breakers),
                new SaturationFilter(settings.maxInFlightPerEngine(), settings.maxWaitingPerEngine()));
        List<RoutingPipeline.Weighted> scorers = new ArrayList<>();
        EndpointPicker picker = new MaxScorePicker();
        PrefixAffinity prefix = null;
        switch (settings.policy()) {
            case ROUND_ROBIN -> picker = new RoundRobinPicker();
            case LEAST_REQUEST -> scorers.add(new RoutingPipeline.Weighted(new InFlightScorer(), 1));
            case DEFAULT -> {
                ScorerWeights w = settings.weights();
                SessionTable sessions = new SessionTable(settings.session().tableSize(),
                        settings.session().idleTimeout().toNanos());
                prefix = new PrefixAffinity(settings.prefix(), new ApproximatePrefixIndex(), bytesPerToken,
                        settings.staleAfterNanos());
                add(scorers, new SessionAffinityScorer(sessions), w.session());
                add(scorers, new PrefixAffinityScorer(prefix), w.prefix());
                add(scorers, new LoraAffinityScorer(new RecentAdapters()), w.lora());
                add(scorers, new PrefillScorer(prefills), w.prefill());
                add(scorers, new InFlightScorer(), w.inFlight());
                add(scorers, new QueueDepthScorer(), w.queue());
                add(scorers, new KvCacheScorer(), w.kvCache());
            }
            default -> throw new IllegalStateException("unknown policy " + settings.policy());
        }
        RoutingPipeline pipeline = new RoutingPipeline(settings.pool(), settings.policy(), filters, scorers, picker,
                queue, settings.staleAfterNanos());
        return new PoolRouter(settings, pipeline, queue, prefix);
    }

    private static void add(List<RoutingPipeline.Weighted> scorers, EndpointScorer scorer, double weight) {
        if (weight > 0) {
            scorers.add(new RoutingPipeline.Weighted(scorer, weight));
        }
    }
}
