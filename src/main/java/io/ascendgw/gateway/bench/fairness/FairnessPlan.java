package io.ascendgw.gateway.bench.fairness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.OutputLengths;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.Workload;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * Flags of {@code bench fairness} and what follows from them: the scenario, the order of the rounds, each policy's
 * gateway properties, the engines' flags and the two tenants' loads. Immutable.
 *
 * @param seconds the interactive tenant's sending window per round, or both floods' in the tokens scenario
 * @param leadSeconds how long the batch tenant sends before the interactive one starts (0 in the tokens scenario)
 * @param maxNumSeqs each engine's {@code --max-num-seqs}, and the gateway's in-flight limit per engine
 * @param concurrency requests the flooding tenants keep in flight: the batch tenant, or long and short half each
 * @param outputTokens each of the scenario's tenants' mean output length
 */
record FairnessPlan(boolean help, boolean quick, FairnessScenario scenario, int rounds, double seconds,
        double leadSeconds, int engines, int maxNumSeqs, int concurrency, Map<Tenant, Integer> outputTokens,
        double interactiveRate, Optional<Path> jar, Path workDir, Path resultFile) {

    static final String MODEL = "bench-model";
    static final String FIFO = "fifo";
    static final String PER_KEY = "per-key";
    static final String PER_KEY_REQUESTS = "per-key-requests";
    /** The floods' prompts: the batch tenant's, and both tenants' of the tokens scenario, so only outputs differ. */
    static final Workload FLOOD_PROMPTS = new Workload.RandomPrompts(512);
    static final Workload INTERACTIVE_PROMPTS = new Workload.RandomPrompts(128);

    static final String USAGE = """
            usage: bench fairness [--quick] [--scenario interactive|tokens] [--rounds N] [--seconds S]
                                  [--engines N] [--max-num-seqs M] [--result-file F] [--work-dir D] [--jar J]
                   interactive:   [--lead-seconds L] [--batch-concurrency C] [--batch-output-len T]
                                  [--interactive-rate R] [--interactive-output-len T]
                   tokens:        [--concurrency C] [--long-output-len T] [--short-output-len T]

            Starts two gateways, one per gateway.routing.queue.fairness policy compared, each with N simulated engines
            at the simulator's default speeds (--max-num-seqs M) and
            gateway.routing.saturation.max-in-flight-per-engine=M, so requests beyond N x M wait in the gateway's
            admission queue. Two tenants with API keys of their own load a gateway at once, streaming chat. Rounds
            alternate A, B, B, A, ... so a drift of the shared machine hits both policies alike. Writes JSON.

            --scenario interactive (default): fifo against per-key. 'batch' keeps C requests in flight (512-token
            prompts) from L seconds before 'interactive' sends R requests/s (Poisson, 128-token prompts) for S
            seconds, so the queue is already long. Prints per round and per policy the interactive tenant's TTFT and
            E2E percentiles, completed, failed and 429s, the batch tenant's completed requests and output tokens/s,
            and per-key/fifo ratios.

            --scenario tokens: per-key-requests (a key's turn is one request) against per-key (a turn is the key's
            mean request in tokens). 'long' and 'short' each keep C/2 requests in flight for S seconds, then drain,
            with the same 512-token prompts and outputs of T tokens on average. Prints per round and per policy, for
            each tenant, completed requests, output tokens/s, weighted tokens/s (input + 2 x output), the engine
            slots it held on average (its requests' E2E less their wait in the gateway's queue, per second) and its
            share of each, the short tenant's TTFT and E2E p50/p99, and per-key/per-key-requests ratios of the short
            tenant's shares and of the total output tokens/s.

              --quick                    one round per policy, S=20, L=5
              --scenario                 interactive or tokens; default: interactive
              --rounds                   rounds per policy; default: 2 (quick: 1)
              --seconds                  sending window per round; default: 60 (quick: 20)
              --engines                  default: 2
              --max-num-seqs             default: 16
              --result-file              default: fairness-bench.json
              --work-dir                 gateway and engine logs; default: a temporary directory
              --jar                      the gateway jar; default: the running quarkus-run.jar
            interactive:
              --lead-seconds             the batch tenant's head start; default: 10 (quick: 5)
              --batch-concurrency        above N x M, or nothing queues; default: 200
              --batch-output-len         mean tokens per batch request (uniform, 0.5x to 1.5x); default: 256
              --interactive-rate         requests/s; default: 1
              --interactive-output-len   tokens per interactive request; default: 64
            tokens:
              --concurrency              both tenants together, even and above N x M; default: 200
              --long-output-len          mean tokens per long request (uniform, 0.5x to 1.5x); default: 512
              --short-output-len         mean tokens per short request (uniform, 0.5x to 1.5x); default: 64
            """;

    private static final Set<String> VALUED = Set.of("--scenario", "--rounds", "--seconds", "--lead-seconds",
            "--engines", "--max-num-seqs", "--batch-concurrency", "--batch-output-len", "--interactive-rate",
            "--interactive-output-len", "--concurrency", "--long-output-len", "--short-output-len", "--result-file",
            "--work-dir", "--jar");

    /** One round of one policy, in the order the rounds run. */
    record Slot(String policy, int round) {
    }

    static FairnessPlan parse(String[] args) throws UsageException {
        SubcommandFlags flags = SubcommandFlags.parse(args, VALUED, Set.of("--quick"));
        FairnessScenario scenario = FairnessScenario.parse(flags.text("--scenario").orElse("interactive"));
        refuseOtherScenarios(flags, scenario);
        boolean quick = flags.has("--quick");
        int rounds = flags.integer("--rounds", 1, quick ? 1 : 2);
        double seconds = flags.positive("--seconds", quick ? 20 : 60);
        double leadSeconds = scenario == FairnessScenario.INTERACTIVE ? flags.positive("--lead-seconds",
                quick ? 5 : 10) : 0;
        int engines = flags.integer("--engines", 1, 2);
        int maxNumSeqs = flags.integer("--max-num-seqs", 1, 16);
        int concurrency = concurrency(flags, scenario, engines * maxNumSeqs);
        Map<Tenant, Integer> outputTokens = new EnumMap<>(Tenant.class);
        for (Tenant tenant : scenario.tenants()) {
            outputTokens.put(tenant, flags.integer(tenant.outputLenFlag(), 1, tenant.defaultOutputTokens()));
        }
        double interactiveRate = flags.positive("--interactive-rate", 1);
        Optional<Path> jar = flags.text("--jar").map(Path::of);
        Path resultFile = Path.of(flags.text("--result-file").orElse("fairness-bench.json"));
        Path workDir = flags.text("--work-dir").map(Path::of).orElse(null);
        if (workDir == null && !flags.help()) {
            try {
                workDir = Files.createTempDirectory("fairness-bench");
            } catch (IOException e) {
                throw new UsageException("cannot create a work directory: " + e.getMessage());
            }
        }
        return new FairnessPlan(flags.help(), quick, scenario, rounds, seconds, leadSeconds, engines, maxNumSeqs,
                concurrency, Map.copyOf(outputTokens), interactiveRate, jar, workDir, resultFile);
    }

    /** A flag of the other scenario would be silently ignored: better to say so than to measure something else. */
    private static void refuseOtherScenarios(SubcommandFlags flags, FairnessScenario scenario) throws UsageException {
        for (FairnessScenario other : FairnessScenario.values()) {
            for (String flag : other == scenario ? List.<String>of() : other.ownFlags()) {
                if (flags.text(flag).isPresent()) {
                    throw new UsageException(flag + " does not apply to --scenario " + scenario.flagValue()
                            + ", only to --scenario " + other.flagValue());
                }
            }
        }
    }

    private static int concurrency(SubcommandFlags flags, FairnessScenario scenario, int slots)
            throws UsageException {
        String flag = scenario.concurrencyFlag();
        int concurrency = flags.integer(flag, 1, 200);
        if (concurrency <= slots) {
            throw new UsageException(flag + " must be above --engines x --max-num-seqs (" + slots
                    + "), or nothing waits in the queue; got " + concurrency);
        }
        if (scenario == FairnessScenario.TOKENS && concurrency % 2 != 0) {
            throw new UsageException(flag + " must be even, half for each tenant; got " + concurrency);
        }
        return concurrency;
    }

    /** Baseline, contender, then contender, baseline, and so on: each policy goes first as often as the other. */
    List<Slot> order() {
        List<Slot> slots = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            boolean baselineFirst = r % 2 == 1;
            slots.add(new Slot(baselineFirst ? scenario.baseline() : scenario.contender(), r));
            slots.add(new Slot(baselineFirst ? scenario.contender() : scenario.baseline(), r));
        }
        return List.copyOf(slots);
    }

    /** The engines' flags: a small batch per engine, no worker processes, quiet stats. */
    List<String> simArgs() {
        return List.of("--max-num-seqs", Integer.toString(maxNumSeqs), "--sim-workers", "0",
                "--sim-stats-interval", "60");
    }

    /** A gateway of {@code policy}: the pool, an in-flight limit equal to the engines' batch, both tenants' keys. */
    Map<String, String> gatewayProperties(String policy) {
        Map<String, String> properties = ScenarioGateway.simulatedPool(MODEL, engines, simArgs());
        // The engines then never queue themselves: whatever does not fit waits in the gateway's admission queue.
        properties.put("gateway.routing.saturation.max-in-flight-per-engine", Integer.toString(maxNumSeqs));
        properties.put("gateway.routing.queue.fairness", policy);
        for (Tenant tenant : scenario.tenants()) {
            properties.put(tenant.shaProperty(), tenant.sha256());
        }
        properties.put("gateway.proxy.access-log", "false");
        return properties;
    }

    /** The flood: closed loop, from the round's start until the interactive window ends, then drained. */
    LoadSpec batchSpec(String baseUrl, String label, long seed) {
        return flood(Tenant.BATCH, concurrency, leadSeconds + seconds, baseUrl, label, seed);
    }

    /** One of the tokens scenario's floods: half the concurrency each, both for the window, then drained. */
    LoadSpec tokensSpec(Tenant tenant, String baseUrl, String label, long seed) {
        return flood(tenant, concurrency / 2, seconds, baseUrl, label, seed);
    }

    private LoadSpec flood(Tenant tenant, int inFlight, double forSeconds, String baseUrl, String label, long seed) {
        return common(baseUrl, tenant, label, seed).concurrency(inFlight)
                .duration(Duration.ofMillis(Math.round(forSeconds * 1000)))
                .workload(FLOOD_PROMPTS).outputLengths(spreadOutputLengths(tenant)).build();
    }

    /**
     * Uniform over half to one and a half times the tenant's mean: with one length for all, requests admitted
     * together end together, slots then free in waves every few seconds and a waiter's turn depends on the wave, not
     * the policy.
     */
    OutputLengths spreadOutputLengths(Tenant tenant) {
        int mean = outputTokens.get(tenant);
        return new OutputLengths.Uniform(Math.max(1, mean / 2), mean + mean / 2);
    }

    /** The interactive user: open loop (Poisson), so a slow answer never holds back the next question. */
    LoadSpec interactiveSpec(String baseUrl, String label, long seed) {
        return common(baseUrl, Tenant.INTERACTIVE, label, seed).requestRate(interactiveRate)
                .duration(Duration.ofMillis(Math.round(seconds * 1000)))
                .workload(INTERACTIVE_PROMPTS).outputLen(outputTokens.get(Tenant.INTERACTIVE)).build();
    }

    /**
     * A few requests per tenant, so neither gateway's first round runs on a cold JVM: short ones in the interactive
     * scenario; in the tokens scenario the tenant's own prompts at its mean output length, so that per-key's mean
     * request of each key is already about the round's when the round starts.
     */
    LoadSpec warmupSpec(String baseUrl, Tenant tenant) {
        LoadSpec.Builder warmup = common(baseUrl, tenant, "warm-up " + tenant.keyName(), 99).concurrency(maxNumSeqs)
                .numRequests(2 * maxNumSeqs);
        return scenario == FairnessScenario.TOKENS
                ? warmup.workload(FLOOD_PROMPTS).outputLen(outputTokens.get(tenant)).build()
                : warmup.workload(INTERACTIVE_PROMPTS).outputLen(16).build();
    }

    private static LoadSpec.Builder common(String baseUrl, Tenant tenant, String label, long seed) {
        return LoadSpec.builder().label(label).baseUrl(baseUrl).endpoint(Endpoint.CHAT).model(MODEL)
                .header("Authorization", tenant.bearer()).stream(true).ignoreEos(true).seed(seed)
                .requestTimeout(Duration.ofMinutes(5));
    }

    ObjectNode settingsJson() {
        ObjectNode settings = new ObjectMapper().createObjectNode();
        settings.put("engines", engines).put("max_num_seqs", maxNumSeqs)
                .put("max_in_flight_per_engine", maxNumSeqs).put("engine_speed", "simulator defaults")
                .put("rounds_per_policy", rounds).put("order", String.join(",", order().stream()
                        .map(Slot::policy).toList()));
        return scenario == FairnessScenario.TOKENS ? tokensSettings(settings) : interactiveSettings(settings);
    }

    private ObjectNode interactiveSettings(ObjectNode settings) {
        settings.put("interactive_seconds", seconds).put("batch_lead_seconds", leadSeconds)
                .put("endpoint", "chat").put("stream", true);
        settings.putObject("batch").put("concurrency", concurrency).put("input_tokens", floodPromptTokens())
                .put("output_tokens", spreadOutputLengths(Tenant.BATCH).describe());
        settings.putObject("interactive").put("request_rate", interactiveRate)
                .put("input_tokens", ((Workload.RandomPrompts) INTERACTIVE_PROMPTS).inputTokens())
                .put("output_tokens", outputTokens.get(Tenant.INTERACTIVE));
        return settings;
    }

    private ObjectNode tokensSettings(ObjectNode settings) {
        settings.put("seconds", seconds).put("endpoint", "chat").put("stream", true);
        for (Tenant tenant : scenario.tenants()) {
            settings.putObject(tenant.keyName()).put("concurrency", concurrency / 2)
                    .put("input_tokens", floodPromptTokens())
                    .put("output_tokens", spreadOutputLengths(tenant).describe());
        }
        return settings;
    }

    private static int floodPromptTokens() {
        return ((Workload.RandomPrompts) FLOOD_PROMPTS).inputTokens();
    }
}
