package io.ascendgw.gateway.bench.fairness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Flags of {@code bench fairness} and what follows from them: the order of the rounds, each policy's gateway
 * properties, the engines' flags and the two tenants' loads. Immutable.
 *
 * @param seconds the interactive tenant's sending window per round
 * @param leadSeconds how long the batch tenant sends before the interactive one starts
 * @param maxNumSeqs each engine's {@code --max-num-seqs}, and the gateway's in-flight limit per engine
 */
record FairnessPlan(boolean help, boolean quick, int rounds, double seconds, double leadSeconds, int engines,
        int maxNumSeqs, int batchConcurrency, int batchOutputTokens, double interactiveRate,
        int interactiveOutputTokens, Optional<Path> jar, Path workDir, Path resultFile) {

    static final String MODEL = "bench-model";
    static final String FIFO = "fifo";
    static final String PER_KEY = "per-key";
    static final Workload BATCH_PROMPTS = new Workload.RandomPrompts(512);
    static final Workload INTERACTIVE_PROMPTS = new Workload.RandomPrompts(128);

    static final String USAGE = """
            usage: bench fairness [--quick] [--rounds N] [--seconds S] [--lead-seconds L] [--engines N]
                                  [--max-num-seqs M] [--batch-concurrency C] [--batch-output-len T]
                                  [--interactive-rate R] [--interactive-output-len T] [--result-file F]
                                  [--work-dir D] [--jar J]

            Starts two gateways, gateway.routing.queue.fairness=fifo and =per-key, each with N simulated engines at
            the simulator's default speeds (--max-num-seqs M) and
            gateway.routing.saturation.max-in-flight-per-engine=M, so requests beyond N x M wait in the gateway's
            admission queue. Two tenants with API keys of their own load a gateway at once, streaming chat:
            'batch' keeps C requests in flight (512-token prompts) from L seconds before 'interactive' sends R
            requests/s (Poisson, 128-token prompts) for S seconds, so the queue is already long. Rounds alternate
            fifo, per-key, per-key, fifo, ... so a drift of the shared machine hits both policies alike. Prints per
            round and per policy the interactive tenant's TTFT and E2E percentiles, completed, failed and 429s, the
            batch tenant's completed requests and output tokens/s, and per-key/fifo ratios; writes JSON.

              --quick                    one round per policy, S=20, L=5
              --rounds                   rounds per policy; default: 2 (quick: 1)
              --seconds                  interactive window per round; default: 60 (quick: 20)
              --lead-seconds             the batch tenant's head start; default: 10 (quick: 5)
              --engines                  default: 2
              --max-num-seqs             default: 16
              --batch-concurrency        above N x M, or nothing queues; default: 200
              --batch-output-len         mean tokens per batch request (uniform, 0.5x to 1.5x); default: 256
              --interactive-rate         requests/s; default: 1
              --interactive-output-len   tokens per interactive request; default: 64
              --result-file              default: fairness-bench.json
              --work-dir                 gateway and engine logs; default: a temporary directory
              --jar                      the gateway jar; default: the running quarkus-run.jar
            """;

    /** One round of one policy, in the order the rounds run. */
    record Slot(String policy, int round) {
    }

    static FairnessPlan parse(String[] args) throws UsageException {
        SubcommandFlags flags = SubcommandFlags.parse(args, Set.of("--rounds", "--seconds", "--lead-seconds",
                "--engines", "--max-num-seqs", "--batch-concurrency", "--batch-output-len", "--interactive-rate",
                "--interactive-output-len", "--result-file", "--work-dir", "--jar"), Set.of("--quick"));
        boolean quick = flags.has("--quick");
        int rounds = flags.integer("--rounds", 1, quick ? 1 : 2);
        double seconds = flags.positive("--seconds", quick ? 20 : 60);
        double leadSeconds = flags.positive("--lead-seconds", quick ? 5 : 10);
        int engines = flags.integer("--engines", 1, 2);
        int maxNumSeqs = flags.integer("--max-num-seqs", 1, 16);
        int batchConcurrency = flags.integer("--batch-concurrency", 1, 200);
        int batchOutput = flags.integer("--batch-output-len", 1, 256);
        double interactiveRate = flags.positive("--interactive-rate", 1);
        int interactiveOutput = flags.integer("--interactive-output-len", 1, 64);
        if (batchConcurrency <= engines * maxNumSeqs) {
            throw new UsageException("--batch-concurrency must be above --engines x --max-num-seqs (" + engines
                    * maxNumSeqs + "), or nothing waits in the queue; got " + batchConcurrency);
        }
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
        return new FairnessPlan(flags.help(), quick, rounds, seconds, leadSeconds, engines, maxNumSeqs,
                batchConcurrency, batchOutput, interactiveRate, interactiveOutput, jar, workDir, resultFile);
    }

    /** fifo, per-key, then per-key, fifo, and so on: each policy goes first as often as the other. */
    List<Slot> order() {
        List<Slot> slots = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            boolean fifoFirst = r % 2 == 1;
            slots.add(new Slot(fifoFirst ? FIFO : PER_KEY, r));
            slots.add(new Slot(fifoFirst ? PER_KEY : FIFO, r));
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
        for (Tenant tenant : Tenant.values()) {
            properties.put(tenant.shaProperty(), tenant.sha256());
        }
        properties.put("gateway.proxy.access-log", "false");
        return properties;
    }

    /** The flood: closed loop, from the round's start until the interactive window ends, then drained. */
    LoadSpec batchSpec(String baseUrl, String label, long seed) {
        return common(baseUrl, Tenant.BATCH, label, seed).concurrency(batchConcurrency)
                .duration(Duration.ofMillis(Math.round((leadSeconds + seconds) * 1000)))
                .workload(BATCH_PROMPTS).outputLengths(batchOutputLengths()).build();
    }

    /**
     * Uniform over half to one and a half times the mean: with one length for all, requests admitted together end
     * together, slots then free in waves every few seconds and a waiter's turn depends on the wave, not the policy.
     */
    OutputLengths batchOutputLengths() {
        return new OutputLengths.Uniform(Math.max(1, batchOutputTokens / 2), batchOutputTokens + batchOutputTokens / 2);
    }

    /** The interactive user: open loop (Poisson), so a slow answer never holds back the next question. */
    LoadSpec interactiveSpec(String baseUrl, String label, long seed) {
        return common(baseUrl, Tenant.INTERACTIVE, label, seed).requestRate(interactiveRate)
                .duration(Duration.ofMillis(Math.round(seconds * 1000)))
                .workload(INTERACTIVE_PROMPTS).outputLen(interactiveOutputTokens).build();
    }

    /** A few short requests per tenant, so neither gateway's first round runs on a cold JVM. */
    LoadSpec warmupSpec(String baseUrl, Tenant tenant) {
        return common(baseUrl, tenant, "warm-up " + tenant.keyName(), 99).concurrency(maxNumSeqs)
                .numRequests(2 * maxNumSeqs).workload(INTERACTIVE_PROMPTS).outputLen(16).build();
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
                        .map(Slot::policy).toList()))
                .put("interactive_seconds", seconds).put("batch_lead_seconds", leadSeconds)
                .put("endpoint", "chat").put("stream", true);
        settings.putObject("batch").put("concurrency", batchConcurrency)
                .put("input_tokens", ((Workload.RandomPrompts) BATCH_PROMPTS).inputTokens())
                .put("output_tokens", batchOutputLengths().describe());
        settings.putObject("interactive").put("request_rate", interactiveRate)
                .put("input_tokens", ((Workload.RandomPrompts) INTERACTIVE_PROMPTS).inputTokens())
                .put("output_tokens", interactiveOutputTokens);
        return settings;
    }
}
