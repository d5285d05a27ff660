package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.ascendgw.gateway.bench.dataset.DatasetRequest;

/**
 * Builds each request's prompt deterministically from (seed, request index), so a run can be repeated exactly and two
 * configurations compared on the same prompts. Shared prefixes are built once per run.
 */
public final class WorkloadGenerator {

    private static final long PREFIX_SALT = 0x5EED_0F_9EF1L;
    /** Models come from a random stream of their own: adding a mix leaves a seed's prompts and lengths as they were. */
    private static final long MODEL_SALT = 0x30DE1_5A17L;
    private static final long REPLAY_ORDER_SALT = 0x0BDE_12EDL;

    private final Workload workload;
    private final OutputLengths outputLengths;
    private final TextGenerator text;
    private final long seed;
    private final List<String> prefixes;
    private final Optional<ModelMix> models;
    /** A replayed dataset's request indices in the seed's order; empty for generated workloads. */
    private final int[] replayOrder;

    public WorkloadGenerator(Workload workload, OutputLengths outputLengths, PromptLanguage language, long seed) {
        this(workload, outputLengths, language, seed, Optional.empty());
    }

    /** With {@code models}, each plan names a model drawn from the mix; without, plans leave the model to the run. */
    public WorkloadGenerator(Workload workload, OutputLengths outputLengths, PromptLanguage language, long seed,
            Optional<ModelMix> models) {
        this.models = models;
        this.workload = workload;
        this.outputLengths = outputLengths;
        this.text = new TextGenerator(language);
        this.seed = seed;
        this.prefixes = workload instanceof Workload.SharedPrefix shared ? buildPrefixes(shared) : List.of();
        this.replayOrder = workload instanceof Workload.Replay replay
                ? shuffled(replay.dataset().requests().size(), new SplittableRandom(mix(seed ^ REPLAY_ORDER_SALT, 0)))
                : new int[0];
    }

    /** From a spec's workload, output lengths, language, seed and model mix. */
    public static WorkloadGenerator forSpec(LoadSpec spec) {
        return new WorkloadGenerator(spec.workload(), spec.outputLengths(), spec.language(), spec.seed(),
                spec.modelMix());
    }

    /** The shared prefixes (empty for the random workload), in prefix-index order. */
    public List<String> prefixes() {
        return prefixes;
    }

    /** The prompt for request {@code index}; the same (seed, index) always gives the same plan. Any thread. */
    public PromptPlan plan(long index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        int maxTokens = outputLengths.sample(random);
        Optional<String> model = models.map(m -> m.pick(new SplittableRandom(mix(seed ^ MODEL_SALT, index))));
        if (workload instanceof Workload.Replay replay) {
            // Warm-up requests (negative indices) take the order from its end, measured ones from its start.
            DatasetRequest request = replay.dataset().requests()
                    .get(replayOrder[(int) Math.floorMod(index, (long) replayOrder.length)]);
            int tokens = replay.recordedLengths() ? request.outputTokens().orElse(maxTokens) : maxTokens;
            return new PromptPlan(index, "", request.prompt(), tokens, model, Optional.of(request));
        }
        if (workload instanceof Workload.SharedPrefix shared) {
            String prefix = prefixes.get(random.nextInt(prefixes.size()));
            return new PromptPlan(index, prefix, text.text(random, shared.suffixTokens()), maxTokens, model);
        }
        Workload.RandomPrompts randomPrompts = (Workload.RandomPrompts) workload;
        return new PromptPlan(index, "", text.text(random, randomPrompts.inputTokens()), maxTokens, model);
    }

    private List<String> buildPrefixes(Workload.SharedPrefix shared) {
        List<String> result = new ArrayList<>(shared.numPrefixes());
        for (int k = 0; k < shared.numPrefixes(); k++) {
            result.add(fewShotPrompt(new SplittableRandom(mix(seed ^ PREFIX_SALT, k)), shared.prefixTokens()));
        }
        return List.copyOf(result);
    }

    /** A few-shot shaped prompt: instruction text then numbered examples, ending with a blank line. */
    private String fewShotPrompt(SplittableRandom random, int tokens) {
        StringBuilder out = new StringBuilder(tokens * 4 + 64);
        int instruction = Math.min(tokens, random.nextInt(24, 64));
        text.append(out, random, instruction);
        int remaining = tokens - instruction;
        for (int example = 1; remaining > 0; example++) {
            String label = "\n\nExample " + example + ":\n";
            out.append(label);
            remaining -= 3;
            int size = Math.max(1, Math.min(remaining, random.nextInt(40, 160)));
            text.append(out, random, size);
            remaining -= size;
        }
        return out.append("\n\n").toString();
    }

    /** A Fisher-Yates shuffle of 0..n-1. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** SplitMix64 finaliser: decorrelates nearby (seed, index) pairs. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
