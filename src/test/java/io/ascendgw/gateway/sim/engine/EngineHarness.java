package io.ascendgw.gateway.sim.engine;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.sim.metrics.Buckets;
import io.ascendgw.gateway.sim.metrics.SimMetrics;
import io.ascendgw.gateway.sim.text.TextGenerator;

/** Drives a real {@link Scheduler} step by step on the test thread, with real metrics as its observer. */
final class EngineHarness {

    /** Records what the engine hands a request's listener. */
    static final class Recorder implements GenerationListener {
        final List<ChoiceDelta> deltas = new ArrayList<>();
        GenerationResult result;
        String failure;

        @Override
        public void onStep(List<ChoiceDelta> step, GenerationResult finished) {
            deltas.addAll(step);
            if (finished != null) {
                result = finished;
            }
        }

        @Override
        public void onFailed(String message) {
            failure = message;
        }

        String streamedText(int index) {
            StringBuilder sb = new StringBuilder();
            deltas.stream().filter(d -> d.index() == index).forEach(d -> sb.append(d.text()));
            return sb.toString();
        }
    }

    final SimMetrics metrics;
    final Scheduler scheduler;
    private long now = 1_000_000_000L;

    EngineHarness(int blocks, int blockSize, int maxNumSeqs, int maxBatchedTokens, boolean prefixCaching) {
        this(blocks, blockSize, maxNumSeqs, maxBatchedTokens, prefixCaching, new TextGenerator(10, 200));
    }

    EngineHarness(int blocks, int blockSize, int maxNumSeqs, int maxBatchedTokens, boolean prefixCaching,
            TextGenerator generator) {
        this(new SchedulerConfig(blocks, blockSize, maxNumSeqs, maxBatchedTokens, prefixCaching), generator);
    }

    EngineHarness(SchedulerConfig config, TextGenerator generator) {
        this.metrics = new SimMetrics(new Buckets(true), 8192, config.numBlocks());
        this.scheduler = new Scheduler(config, generator, metrics);
    }

    static PromptSpec prompt(int tokens, long contentHash, int blockSize) {
        long[] hashes = new long[tokens / blockSize];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = contentHash * 1_000_003L + i;
        }
        return new PromptSpec(tokens, hashes, contentHash);
    }

    static SamplingSpec sampling(int maxTokens, boolean ignoreEos) {
        return new SamplingSpec(1, maxTokens, 0, ignoreEos, List.of(), false, 0, false, 8192);
    }

    SimRequest submit(PromptSpec prompt, SamplingSpec sampling, boolean stream, Recorder recorder) {
        return submit(prompt, sampling, stream, recorder, null);
    }

    /** A request for LoRA adapter {@code lora} (null: the model itself). */
    SimRequest submit(PromptSpec prompt, SamplingSpec sampling, boolean stream, Recorder recorder, String lora) {
        SimRequest r = new SimRequest("req", List.of(prompt), sampling, stream, recorder, now, lora);
        scheduler.add(r);
        scheduler.publishState();
        return r;
    }

    /** One engine step; returns the number of scheduled sequences. */
    int step() {
        now += 10_000_000L;
        int scheduled = scheduler.schedule(now);
        if (scheduled > 0) {
            now += 10_000_000L;
            scheduler.complete(now);
        }
        return scheduled;
    }

    void runUntilIdle() {
        for (int i = 0; i < 100_000 && scheduler.hasWork(); i++) {
            step();
        }
    }
}
