package io.ascendgw.gateway.routing.scorer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.ascendgw.gateway.metrics.vllm.LoraState;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.lora.RecentAdapters;

/**
 * For a request whose model is a LoRA adapter: engines already running the adapter score highest, then engines with a
 * free adapter slot, then engines where it waits for a slot, last engines whose slots other adapters hold. Reads the
 * scraped {@code vllm:lora_requests_info} plus the adapters this gateway sent since each scrape. Base-model requests
 * score 0 everywhere, so the scorer never changes their routing. See {@code LoraAffinityScorer.md}.
 *
 * <p>Thread-safe: scores and records on any event loop at once, without locks, parsing or allocation (the scrape was
 * parsed into {@link LoraState} when it was taken; a record allocates only for an adapter new to an engine).
 */
public final class LoraAffinityScorer implements EndpointScorer {

    static final double RUNNING = 1.0;
    static final double FREE_SLOT = 0.5;
    static final double QUEUED = 0.25;
    static final double FULL = 0.0;
    static final double NOT_AN_ADAPTER = 0.0;

    /** How long before a scrape a request may have been sent and still be missing from it. */
    public static final long DEFAULT_SCRAPE_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final RecentAdapters sent;
    private final long scrapeLagNanos;

    public LoraAffinityScorer(RecentAdapters sent) {
        this(sent, DEFAULT_SCRAPE_LAG_NANOS);
    }

    /** @param scrapeLagNanos a request sent this long before a scrape still counts as unknown to it */
    public LoraAffinityScorer(RecentAdapters sent, long scrapeLagNanos) {
        this.sent = sent;
        this.scrapeLagNanos = scrapeLagNanos;
    }

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public Category category() {
        return Category.AFFINITY;
    }

    @Override
    public void score(RoutingRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        String adapter = request.model();
        if (!isAdapter(adapter, candidates)) {
            Arrays.fill(scores, 0, n, NOT_AN_ADAPTER);
            return;
        }
        for (int i = 0; i < n; i++) {
            LoraState lora = candidates.lora(i);
            scores[i] = lora == null ? LoadScores.UNKNOWN : score(adapter, lora,
                    sent.of(candidates.engine(i).id()), candidates.scrapedAtNanos(i) - scrapeLagNanos);
        }
    }

    @Override
    public void onPicked(RoutingRequest request, Candidates candidates, int chosen) {
        if (isAdapter(request.model(), candidates)) {
            sent.record(candidates.engine(chosen).id(), request.model(), System.nanoTime());
        }
    }

    /**
     * The adapter's place on one engine: running there (or sent there since the scrape and fitting), a slot free for
     * it, queued behind full slots, or shut out. {@code since} is the scrape time less the lag.
     */
    static double score(String adapter, LoraState lora, RecentAdapters.Sent sentHere, long since) {
        if (lora.running().contains(adapter)) {
            return RUNNING;
        }
        boolean justSent = sentHere != null && sentHere.since(adapter, since);
        if (!lora.maxKnown()) {
            return justSent ? RUNNING : LoadScores.UNKNOWN;
        }
        int taken = lora.adapters() + (sentHere == null ? 0 : sentHere.unlistedSince(since, lora));
        if (justSent) {
            return taken <= lora.maxLoras() ? RUNNING : QUEUED;
        }
        boolean waiting = lora.waiting().contains(adapter);
        if (taken + (waiting ? 0 : 1) <= lora.maxLoras()) {
            return FREE_SLOT;
        }
        return waiting ? QUEUED : FULL;
    }

    /**
     * Whether {@code model} is a LoRA adapter on these engines: a candidate's {@code /v1/models} card for it names a
     * parent, or a candidate's scrape lists it (adapters loaded at run time are not in the cards read at startup).
     */
    static boolean isAdapter(String model, Candidates candidates) {
        if (model == null) {
            return false;
        }
        for (int i = 0; i < candidates.size(); i++) {
            LoraState lora = candidates.lora(i);
            if (candidates.engine(i).models().isAdapter(model) || lora != null && lora.lists(model)) {
                return true;
            }
        }
        return false;
    }
}
