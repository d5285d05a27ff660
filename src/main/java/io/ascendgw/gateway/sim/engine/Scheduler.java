package io.ascendgw.gateway.sim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.ascendgw.gateway.sim.structured.ScriptedText;
import io.ascendgw.gateway.sim.text.BlockHasher;
import io.ascendgw.gateway.sim.text.TextGenerator;
import io.ascendgw.gateway.sim.text.TextSource;
import io.ascendgw.gateway.sim.text.ThinkingText;

/**
 * vLLM V1's continuous-batching scheduler, reduced to what moves latency and capacity: a running set of at most
 * {@code maxNumSeqs} sequences, a FIFO waiting queue, a per-step token budget (chunked prefill), KV blocks that grow
 * as sequences decode, preemption of the newest running sequence when blocks run out, and prefix-cache hits that
 * skip prefill, and with LoRA on, at most {@code maxLoras} distinct adapters in the running set. Engine-thread only: {@link EngineLoop} calls {@link #schedule} then {@link #complete} per step.
 */
public final class Scheduler {

    private final SchedulerConfig config;
    private final KvBlockPool kv;
    private final TextGenerator generator;
    private final EngineObserver observer;
    private final ArrayList<Sequence> running = new ArrayList<>();
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final ArrayList<Sequence> planned = new ArrayList<>();
    private final ArrayList<SimRequest> touched = new ArrayList<>();
    private final StepOutputs outputs;
    private int[] plannedTokens = new int[64];
    private int[] hitBuffer = new int[64];
    private int planTokens;
    private int planPrefillTokens;

    public Scheduler(SchedulerConfig config, TextGenerator generator, EngineObserver observer) {
        this.config = config;
        this.kv = new KvBlockPool(config.numBlocks());
        this.generator = generator;
        this.observer = observer;
        this.outputs = new StepOutputs(observer);
    }

    /** Queues a new request (one sequence per prompt and sample). */
    public void add(SimRequest request) {
        int n = request.sampling().n();
        List<PromptSpec> prompts = request.prompts();
        Sequence[] seqs = new Sequence[prompts.size() * n];
        for (int p = 0; p < prompts.size(); p++) {
            PromptSpec prompt = prompts.get(p);
            for (int s = 0; s < n; s++) {
                long key = TextGenerator.key(prompt.contentHash(), request.sampling().seed(), s);
                int index = p * n + s;
                seqs[index] = sequence(request, index, prompt, key);
                waiting.addLast(seqs[index]);
            }
        }
        request.sequences = seqs;
        request.unfinished = seqs.length;
    }

    /**
     * One choice: free text from the generator, or, under structured outputs, the constrained answer followed by EOS
     * (a grammar that is complete leaves the model nothing else to sample); a reasoning model's thinking comes first.
     */
    private Sequence sequence(SimRequest request, int index, PromptSpec prompt, long key) {
        SamplingSpec sampling = request.sampling();
        TextSource answer;
        int length;
        if (sampling.structure() == null) {
            answer = generator.stream(key, sampling.leadingSpace());
            length = generator.naturalLength(key);
        } else {
            String text = sampling.structure().text(key);
            answer = new ScriptedText(text);
            length = ScriptedText.tokens(text) + 1;
        }
        if (sampling.thinking()) {
            // a reasoning model thinks first; a structured answer is only constrained after the thinking
            long thoughtKey = BlockHasher.mix(key ^ 0x7468696e6bL);
            int thought = generator.naturalLength(thoughtKey);
            answer = new ThinkingText(generator.stream(thoughtKey, false), thought, answer);
            length += thought + 1;
        }
        return new Sequence(request, index, prompt, key, answer, length);
    }

    /** Removes a request at once and frees its blocks; the listener hears nothing more. */
    public void abort(SimRequest request) {
        if (request.sequences == null || request.done) {
            return;
        }
        for (Sequence s : request.sequences) {
            if (!s.finished) {
                s.finished = true;
                s.finishReason = FinishReason.ABORT;
                running.remove(s);
                waiting.remove(s);
                kv.release(s.blocks);
            }
        }
        request.done = true;
    }

    /** Fails every queued and running request (the engine died). */
    public void failAll(String message) {
        ArrayList<SimRequest> victims = new ArrayList<>();
        for (Sequence s : running) {
            addOnce(victims, s.request);
        }
        for (Sequence s : waiting) {
            addOnce(victims, s.request);
        }
        for (SimRequest r : victims) {
            abort(r);
            r.listener().onFailed(message);
        }
        publishState();
    }

    /** True when a step would do something. */
    public boolean hasWork() {
        return !running.isEmpty() || !waiting.isEmpty();
    }

    /** Plans one step; returns the number of scheduled sequences. */
    public int schedule(long nowNanos) {
        planned.clear();
        planTokens = 0;
        planPrefillTokens = 0;
        int budget = config.maxBatchedTokens();
        boolean preempted = false;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Sequence s = running.get(i);
            int numNew = Math.min(s.numTokens() - s.numComputed, budget);
            boolean fits = true;
            while (!grow(s, s.numComputed + numNew)) {
                Sequence victim = running.remove(running.size() - 1);
                preempt(victim);
                preempted = true;
                if (victim == s) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                plan(s, numNew);
                budget -= numNew;
            }
        }
        if (!preempted) {
            admit(nowNanos, budget);
        }
        publishState();
        return planned.size();
    }

    /** Prefill tokens in the planned step (for the speed model). */
    public int plannedPrefillTokens() {
        return planPrefillTokens;
    }

    /** Applies the planned step: advances computed tokens, samples one token per caught-up sequence, emits output. */
    public void complete(long nowNanos) {
        for (int i = 0; i < planned.size(); i++) {
            Sequence s = planned.get(i);
            if (s.finished) {
                continue;
            }
            s.numComputed += plannedTokens[i];
            registerFullBlocks(s);
            if (s.numComputed >= s.numTokens()) {
                outputs.sample(s, nowNanos, touched);
                if (s.finished) {
                    kv.release(s.blocks);
                }
            }
        }
        running.removeIf(s -> s.finished);
        observer.onStep(planTokens);
        outputs.dispatch(touched);
        publishState();
    }

    /** Reports running/waiting/used blocks (and with LoRA on, the adapters of each) to the observer. */
    public void publishState() {
        observer.onSchedulerState(running.size(), waiting.size(), kv.usedBlocks());
        if (config.maxLoras() > 0) {
            observer.onLoraState(String.join(",", runningAdapters()), String.join(",", adapters(waiting)));
        }
    }

    private List<String> runningAdapters() {
        return adapters(running);
    }

    /** Distinct adapters of the sequences, in order of first appearance. */
    private static List<String> adapters(Iterable<Sequence> sequences) {
        List<String> names = new ArrayList<>(2);
        for (Sequence s : sequences) {
            String lora = s.request.lora();
            if (lora != null && !names.contains(lora)) {
                names.add(lora);
            }
        }
        return names;
    }

    int runningCount() {
        return running.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    KvBlockPool kv() {
        return kv;
    }

    private void admit(long nowNanos, int budget) {
        List<String> adapters = config.maxLoras() > 0 ? runningAdapters() : List.of();
        Iterator<Sequence> queue = waiting.iterator();
        while (queue.hasNext() && running.size() < config.maxNumSeqs() && budget > 0) {
            Sequence s = queue.next();
            String lora = s.request.lora();
            if (lora != null && !adapters.contains(lora) && adapters.size() >= config.maxLoras()) {
                // as V1: a request whose adapter would exceed --max-loras waits, and later requests go ahead
                continue;
            }
            int hitBlocks = 0;
            int maxHit = 0;
            if (config.prefixCaching()) {
                // V1 always recomputes at least the last token, so a fully cached prompt still prefills one token.
                maxHit = Math.min(s.prompt.blockHashes().length, (s.numTokens() - 1) / config.blockSize());
                if (hitBuffer.length < maxHit) {
                    hitBuffer = new int[Math.max(maxHit, hitBuffer.length * 2)];
                }
                hitBlocks = kv.lookup(s.prompt.blockHashes(), maxHit, hitBuffer);
            }
            int cached = hitBlocks * config.blockSize();
            int numNew = Math.min(s.numTokens() - cached, budget);
            int needed = config.blocksFor(cached + numNew) - hitBlocks;
            if (kv.freeBlocks() - kv.countUnreferenced(hitBuffer, hitBlocks) < needed) {
                break;
            }
            queue.remove();
            if (lora != null && !adapters.contains(lora)) {
                adapters.add(lora);
            }
            kv.acquire(hitBuffer, hitBlocks, s.blocks);
            kv.allocate(needed, s.blocks);
            s.hashedBlocks = hitBlocks;
            s.numComputed = cached;
            if (config.prefixCaching()) {
                observer.onPrefixLookup(s.numTokens(), cached, maxHit, hitBlocks);
            }
            if (s.cachedTokens < 0) {
                s.cachedTokens = cached;
                s.firstScheduledNanos = nowNanos;
            }
            running.add(s);
            plan(s, numNew);
            budget -= numNew;
        }
    }

    private boolean grow(Sequence s, int tokens) {
        int missing = config.blocksFor(tokens) - s.blocks.size();
        return missing <= 0 || kv.allocate(missing, s.blocks);
    }

    private void preempt(Sequence s) {
        kv.release(s.blocks);
        s.numComputed = 0;
        s.hashedBlocks = 0;
        waiting.addFirst(s);
        observer.onPreemption();
    }

    private void plan(Sequence s, int numNew) {
        if (planned.size() == plannedTokens.length) {
            plannedTokens = Arrays.copyOf(plannedTokens, plannedTokens.length * 2);
        }
        plannedTokens[planned.size()] = numNew;
        planned.add(s);
        planTokens += numNew;
        if (s.numTokens() - s.numComputed > 1) {
            planPrefillTokens += numNew;
        }
    }

    private void registerFullBlocks(Sequence s) {
        if (!config.prefixCaching()) {
            return;
        }
        long[] hashes = s.prompt.blockHashes();
        int full = Math.min(hashes.length, s.numComputed / config.blockSize());
        for (int b = s.hashedBlocks; b < full; b++) {
            kv.register(s.blocks.get(b), hashes[b]);
        }
        s.hashedBlocks = Math.max(s.hashedBlocks, full);
    }

    private static void addOnce(List<SimRequest> list, SimRequest r) {
        if (!list.contains(r)) {
            list.add(r);
        }
    }
}
