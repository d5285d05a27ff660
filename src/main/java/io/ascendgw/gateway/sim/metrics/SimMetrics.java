package io.ascendgw.gateway.sim.metrics;

import java.util.concurrent.atomic.AtomicLong;

import io.ascendgw.gateway.sim.engine.EngineObserver;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.engine.FinishedSequence;

/**
 * The engine's counters, gauges and histograms. Written by the engine thread (as its {@link EngineObserver}), read
 * by the metrics endpoint, the stats log line and the control API from any thread.
 */
public final class SimMetrics implements EngineObserver {

    private final int totalBlocks;
    private final double createdSeconds = System.currentTimeMillis() / 1000.0;

    private volatile int running;
    private volatile int waiting;
    private volatile int usedBlocks;

    final AtomicLong promptTokens = new AtomicLong();
    final AtomicLong generationTokens = new AtomicLong();
    final AtomicLong preemptions = new AtomicLong();
    final AtomicLong prefixQueriedTokens = new AtomicLong();
    final AtomicLong prefixHitTokens = new AtomicLong();
    final AtomicLong prefixQueriedBlocks = new AtomicLong();
    final AtomicLong prefixHitBlocks = new AtomicLong();
    final AtomicLong[] finished = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    final Histogram timeToFirstToken;
    final Histogram interTokenLatency;
    final Histogram requestTimePerOutputToken;
    final Histogram e2eLatency;
    final Histogram queueTime;
    final Histogram inferenceTime;
    final Histogram prefillTime;
    final Histogram decodeTime;
    final Histogram requestPromptTokens;
    final Histogram requestGenerationTokens;
    final Histogram requestMaxGenerationTokens;
    final Histogram requestParamsMaxTokens;
    final Histogram requestParamsN;
    final Histogram iterationTokens;
    final LoraSeries loraSeries = new LoraSeries();

    /**
     * @param buckets     bucket lists of the emulated version
     * @param maxModelLen bounds the 1-2-5 token histograms
     * @param totalBlocks KV blocks, for the usage gauge
     */
    public SimMetrics(Buckets buckets, int maxModelLen, int totalBlocks) {
        this.totalBlocks = totalBlocks;
        double[] tokens = Buckets.oneTwoFive(maxModelLen);
        timeToFirstToken = new Histogram(buckets.timeToFirstToken());
        interTokenLatency = new Histogram(buckets.timePerOutputToken());
        requestTimePerOutputToken = new Histogram(buckets.timePerOutputToken());
        e2eLatency = new Histogram(buckets.requestLatency());
        queueTime = new Histogram(buckets.requestLatency());
        inferenceTime = new Histogram(buckets.requestLatency());
        prefillTime = new Histogram(buckets.requestLatency());
        decodeTime = new Histogram(buckets.requestLatency());
        requestPromptTokens = new Histogram(tokens);
        requestGenerationTokens = new Histogram(tokens);
        requestMaxGenerationTokens = new Histogram(tokens);
        requestParamsMaxTokens = new Histogram(tokens);
        requestParamsN = new Histogram(buckets.paramsN());
        iterationTokens = new Histogram(buckets.iterationTokens());
    }

    @Override
    public void onPrefixLookup(int queriedTokens, int hitTokens, int queriedBlocks, int hitBlocks) {
        prefixQueriedTokens.addAndGet(queriedTokens);
        prefixHitTokens.addAndGet(hitTokens);
        prefixQueriedBlocks.addAndGet(queriedBlocks);
        prefixHitBlocks.addAndGet(hitBlocks);
    }

    @Override
    public void onPreemption() {
        preemptions.incrementAndGet();
    }

    @Override
    public void onStep(int tokens) {
        iterationTokens.observe(tokens);
    }

    @Override
    public void onFirstToken(int prompt, double ttftSeconds) {
        promptTokens.addAndGet(prompt);
        generationTokens.incrementAndGet();
        timeToFirstToken.observe(ttftSeconds);
    }

    @Override
    public void onNextToken(double interTokenSeconds) {
        generationTokens.incrementAndGet();
        interTokenLatency.observe(interTokenSeconds);
    }

    @Override
    public void onFinished(FinishedSequence f) {
        finished[f.reason().ordinal()].incrementAndGet();
        e2eLatency.observe(f.e2eSeconds());
        queueTime.observe(f.queueSeconds());
        inferenceTime.observe(f.inferenceSeconds());
        prefillTime.observe(f.prefillSeconds());
        decodeTime.observe(f.decodeSeconds());
        if (f.generationTokens() > 1) {
            requestTimePerOutputToken.observe(f.decodeSeconds() / (f.generationTokens() - 1));
        }
        requestPromptTokens.observe(f.promptTokens());
        requestGenerationTokens.observe(f.generationTokens());
        requestMaxGenerationTokens.observe(f.generationTokens());
        requestParamsMaxTokens.observe(f.maxTokens());
        requestParamsN.observe(f.n());
    }

    @Override
    public void onSchedulerState(int running, int waiting, int usedBlocks) {
        this.running = running;
        this.waiting = waiting;
        this.usedBlocks = usedBlocks;
    }

    @Override
    public void onLoraState(String runningAdapters, String waitingAdapters) {
        loraSeries.report(runningAdapters, waitingAdapters, System.currentTimeMillis() / 1000.0);
    }

    public int running() {
        return running;
    }

    public int waiting() {
        return waiting;
    }

    /** KV-cache usage in [0, 1]. */
    public double kvUsage() {
        return totalBlocks == 0 ? 0 : (double) usedBlocks / totalBlocks;
    }

    public int totalBlocks() {
        return totalBlocks;
    }

    public long promptTokensTotal() {
        return promptTokens.get();
    }

    public long generationTokensTotal() {
        return generationTokens.get();
    }

    public long preemptionsTotal() {
        return preemptions.get();
    }

    public long prefixQueriedTokensTotal() {
        return prefixQueriedTokens.get();
    }

    public long prefixHitTokensTotal() {
        return prefixHitTokens.get();
    }

    public long finishedTotal(FinishReason reason) {
        return finished[reason.ordinal()].get();
    }

    /** 0.7.3's cumulative block hit rate ({@code -1} is the caller's job when caching is off). */
    public double prefixBlockHitRate() {
        long queried = prefixQueriedBlocks.get();
        return queried == 0 ? 0.0 : (double) prefixHitBlocks.get() / queried;
    }

    double createdSeconds() {
        return createdSeconds;
    }
}
