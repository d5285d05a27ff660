package io.ascendgw.gateway.bench.lora;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.bench.ModelMix;
import io.ascendgw.gateway.bench.OutputLengths;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.Workload;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * Flags of {@code bench lora} and what follows from them: the engines' flags, each configuration's gateway
 * properties, the model mix. Immutable.
 */
record LoraBenchPlan(boolean help, boolean quick, List<Contender> contenders, double[] rates, double seconds,
        int engines, int adapters, int maxLoras, Optional<Path> jar, Path workDir, Path resultFile) {

    static final String MODEL = "bench-model";
    /** Share of requests for the base model; the rest go to the adapters, Zipf-distributed (s = 1). */
    static final double BASE_SHARE = 0.1;
    static final Workload WORKLOAD = new Workload.RandomPrompts(256);
    static final OutputLengths OUTPUT_LENGTHS = new OutputLengths.Uniform(32, 160);

    static final String USAGE = """
            usage: bench lora [--quick] [--configs a,b,c] [--rates r,...] [--seconds S] [--adapters N]
                              [--max-loras N] [--result-file F] [--work-dir D] [--jar J]

            Starts one gateway per configuration, each with 4 simulated engines at the simulator's default speeds
            serving N LoRA adapters a0..a{N-1} (--enable-lora --max-loras M), and runs the same seeded load through
            each in turn, rate by rate (the order alternates): chat, streaming, 256-token prompts, 32-160 output
            tokens, Poisson arrivals, about S seconds per rate; 10% of the requests name the base model, the rest
            an adapter, Zipf-distributed (a0 most often). A request for an adapter that does not fit in an engine's
            M slots waits there. Prints the comparison table (ratios against lora-blind); writes JSON.

              --quick            lora-blind and lora-aware only, two rates, 12 s each (about 2 minutes)
              --configs          default: lora-blind,lora-aware,least-request (also: round-robin, lora=W);
                                 lora-blind = default policy with gateway.routing.weights.lora=0,
                                 lora-aware = default policy as shipped (weight 5), lora=W = weight W
              --rates            default: 5,10,15 (quick: 6,12)
              --seconds          default: 40 (quick: 12)
              --adapters         default: 8
              --max-loras        default: 2
              --result-file      default: lora-bench.json
              --work-dir         gateway and engine logs; default: a temporary directory
              --jar              the gateway jar; default: the running quarkus-run.jar
            """;

    static LoraBenchPlan parse(String[] args) throws UsageException {
        SubcommandFlags flags = SubcommandFlags.parse(args, Set.of("--configs", "--rates", "--seconds", "--adapters",
                "--max-loras", "--result-file", "--work-dir", "--jar"), Set.of("--quick"));
        boolean quick = flags.has("--quick");
        List<Contender> contenders = new ArrayList<>();
        String configs = quick ? "lora-blind,lora-aware" : "lora-blind,lora-aware,least-request";
        for (String name : flags.text("--configs").orElse(configs).split(",")) {
            contenders.add(Contender.named(name.strip()));
        }
        double[] rates = flags.positiveList("--rates", quick ? new double[] {6, 12} : new double[] {5, 10, 15});
        double seconds = flags.positive("--seconds", quick ? 12 : 40);
        int adapters = flags.integer("--adapters", 1, 8);
        int maxLoras = flags.integer("--max-loras", 1, 2);
        Optional<Path> jar = flags.text("--jar").map(Path::of);
        Path resultFile = Path.of(flags.text("--result-file").orElse("lora-bench.json"));
        Path workDir = flags.text("--work-dir").map(Path::of).orElse(null);
        if (workDir == null && !flags.help()) {
            try {
                workDir = Files.createTempDirectory("lora-bench");
            } catch (IOException e) {
                throw new UsageException("cannot create a work directory: " + e.getMessage());
            }
        }
        return new LoraBenchPlan(flags.help(), quick, List.copyOf(contenders), rates, seconds, 4, adapters, maxLoras,
                jar, workDir, resultFile);
    }

    /** The base model at {@link #BASE_SHARE}, then adapter k at a share proportional to 1 / (k + 1). */
    ModelMix mix() {
        double harmonic = 0;
        for (int k = 0; k < adapters; k++) {
            harmonic += 1.0 / (k + 1);
        }
        List<ModelMix.Choice> choices = new ArrayList<>();
        choices.add(new ModelMix.Choice(MODEL, BASE_SHARE));
        for (int k = 0; k < adapters; k++) {
            choices.add(new ModelMix.Choice(adapter(k), (1 - BASE_SHARE) / (k + 1) / harmonic));
        }
        return new ModelMix(choices);
    }

    /** The engines' flags: LoRA on with every adapter, no worker processes, quiet stats. */
    List<String> simArgs() {
        List<String> args = new ArrayList<>(List.of("--enable-lora", "--max-loras", Integer.toString(maxLoras),
                "--lora-modules"));
        for (int k = 0; k < adapters; k++) {
            // not an absolute path: the simulator accepts it without files
            args.add(adapter(k) + "=org/" + adapter(k));
        }
        args.addAll(List.of("--sim-workers", "0", "--sim-stats-interval", "60"));
        return List.copyOf(args);
    }

    /** The gateway's properties for one configuration: a pool of simulated engines, then the contender's own. */
    Map<String, String> gatewayProperties(Contender contender) {
        Map<String, String> properties = ScenarioGateway.simulatedPool(MODEL, engines, simArgs());
        properties.put("gateway.proxy.access-log", "false");
        properties.putAll(contender.properties());
        return properties;
    }

    /** Requests at one rate: about {@link #seconds()} worth, at least 10. */
    int requests(double rate) {
        return (int) Math.max(10, Math.round(rate * seconds));
    }

    ObjectNode settingsJson() {
        ObjectNode settings = new ObjectMapper().createObjectNode();
        settings.put("engines", engines).put("adapters", adapters).put("max_loras", maxLoras)
                .put("model_mix", mix().describe()).put("endpoint", "chat").put("stream", true)
                .put("input_tokens", ((Workload.RandomPrompts) WORKLOAD).inputTokens())
                .put("output_tokens", OUTPUT_LENGTHS.describe()).put("seconds_per_rate", seconds)
                .put("engine_speed", "simulator defaults");
        return settings;
    }

    private static String adapter(int k) {
        return "a" + k;
    }
}
