package io.ascendgw.gateway.routing;

import java.util.List;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.admission.AdmissionQueue;

/**
 * One pool's scheduler: filters, then weighted scorers, then the picker, GIE-style. Filters run in order and the
 * first to leave no engine decides the outcome (unavailable, saturated, or ignored when it is only a preference).
 * Each scorer's score is clamped to [0, 1] and weighted; the picker chooses from the totals; filters may veto the
 * choice ({@link EndpointFilter#confirm}, which is where permits are taken: a routed request is counted in flight on
 * its engine, and a breaker's probe given out); then scorers record the choice ({@link EndpointScorer#onPicked}).
 * Immutable and thread-safe; a decision allocates a few arrays of one slot per engine and takes no lock.
 */
public final class RoutingPipeline {

    private final String pool;
    private final RoutingPolicy policy;
    private final EndpointFilter[] filters;
    private final EndpointScorer[] scorers;
    private final double[] weights;
    private final String[] scorerNames;
    private final EndpointPicker picker;
    private final AdmissionQueue queue;
    private final long staleAfterNanos;

    /** A scorer with its weight. */
    public record Weighted(EndpointScorer scorer, double weight) {
    }

    public RoutingPipeline(String pool, RoutingPolicy policy, List<EndpointFilter> filters, List<Weighted> scorers,
            EndpointPicker picker, AdmissionQueue queue, long staleAfterNanos) {
        this.pool = pool;
        this.policy = policy;
        this.filters = filters.toArray(EndpointFilter[]::new);
        this.scorers = scorers.stream().map(Weighted::scorer).toArray(EndpointScorer[]::new);
        this.weights = scorers.stream().mapToDouble(Weighted::weight).toArray();
        this.scorerNames = scorers.stream().map(w -> w.scorer().name()).toArray(String[]::new);
        this.picker = picker;
        this.queue = queue;
        this.staleAfterNanos = staleAfterNanos;
    }

    public String pool() {
        return pool;
    }

    public RoutingPolicy policy() {
        return policy;
    }

    /** Names of the scorers in order, as in {@link ScoreCard}. */
    public List<String> scorerNames() {
        return List.of(scorerNames);
    }

    /**
     * Decides among the engines of this pool in {@code engines}. A {@link RoutingDecision.Routed} request is counted in
     * flight on its engine already: its sender ends it there ({@link Engine#requestEnded}). Event loop; lock-free;
     * microseconds.
     */
    public RoutingDecision select(RoutingRequest request, List<Engine> engines) {
        long start = System.nanoTime();
        Candidates candidates = new Candidates(engines.size());
        for (int i = 0; i < engines.size(); i++) {
            Engine engine = engines.get(i);
            if (pool.equals(engine.pool())) {
                candidates.add(engine, staleAfterNanos);
            }
        }
        return select(request, candidates, start);
    }

    /** Decides among prepared candidates (tests, tools). */
    public RoutingDecision select(RoutingRequest request, Candidates candidates, long startNanos) {
        if (candidates.size() == 0) {
            return new RoutingDecision.Unavailable(pool, "no-engine");
        }
        RoutingDecision rejected = filter(request, candidates);
        if (rejected != null) {
            return rejected;
        }
        while (true) {
            int n = candidates.size();
            double[] totals = new double[n];
            double[][] perScorer = new double[scorers.length][n];
            for (int s = 0; s < scorers.length; s++) {
                double[] scores = perScorer[s];
                scorers[s].score(request, candidates, scores);
                for (int i = 0; i < n; i++) {
                    double v = scores[i];
                    scores[i] = v > 0 ? Math.min(1, v) : 0;
                    totals[i] += weights[s] * scores[i];
                }
            }
            int chosen = picker.pick(candidates, totals);
            Engine engine = candidates.engine(chosen);
            EndpointFilter veto = veto(request, engine);
            if (veto == null) {
                for (EndpointScorer scorer : scorers) {
                    scorer.onPicked(request, candidates, chosen);
                }
                double[] card = new double[scorers.length];
                for (int s = 0; s < scorers.length; s++) {
                    card[s] = perScorer[s][chosen];
                }
                return new RoutingDecision.Routed(engine, pool, policy, n, request.prompt().matchRatio(),
                        new ScoreCard(scorerNames, card, totals[chosen]), System.nanoTime() - startNanos);
            }
            candidates.remove(chosen);
            if (candidates.size() == 0) {
                return rejection(veto);
            }
        }
    }

    private RoutingDecision filter(RoutingRequest request, Candidates candidates) {
        boolean[] keep = new boolean[candidates.size()];
        for (EndpointFilter f : filters) {
            int n = candidates.size();
            int kept = 0;
            for (int i = 0; i < n; i++) {
                keep[i] = f.accept(request, candidates, i);
                if (keep[i]) {
                    kept++;
                }
            }
            if (kept == n) {
                continue;
            }
            if (kept == 0) {
                if (f.rejection() == EndpointFilter.Rejection.SOFT) {
                    continue;
                }
                return rejection(f);
            }
            candidates.retain(keep);
        }
        return null;
    }

    /** The filter that vetoes {@code engine}, after giving back what the filters before it took; null when none. */
    private EndpointFilter veto(RoutingRequest request, Engine engine) {
        for (int i = 0; i < filters.length; i++) {
            if (!filters[i].confirm(request, engine)) {
                for (int j = i - 1; j >= 0; j--) {
                    filters[j].release(request, engine);
                }
                return filters[i];
            }
        }
        return null;
    }

    private RoutingDecision rejection(EndpointFilter f) {
        return f.rejection() == EndpointFilter.Rejection.SATURATED ? new RoutingDecision.Saturated(pool, queue)
                : new RoutingDecision.Unavailable(pool, f.name());
    }
}
