package io.ascendgw.gateway.bench.routing;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.OutputLengths;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.ImageLoad;
import io.ascendgw.gateway.bench.Workload;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * {@code bench routing}: the routing policies side by side on one machine. For each policy a fresh gateway with
 * fresh simulated engines (cold caches) serves the same seeded requests: a synthetic-data-generation workload
 * (few long shared prefixes, varied suffixes, mixed output lengths) and one without shared prefixes, at rising
 * request rates up to saturation. Prints one comparison table and writes the JSON. Blocking; runs without Quarkus.
 */
public final class RoutingBenchmarkMain {

    private RoutingBenchmarkMain() {
    }

    /** The whole program; returns the exit code (0 ran, 1 failed, 2 bad flags). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchPlan plan;
        try {
            plan = BenchPlan.parse(args);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench routing", e, BenchPlan.USAGE, err);
        }
        if (plan.help()) {
            out.print(BenchPlan.USAGE);
            return 0;
        }
        List<BenchRow> rows = new ArrayList<>();
        long started = System.nanoTime();
        try (LoadGenerator generator = LoadGenerator.create()) {
            for (String policy : plan.policies()) {
                rows.addAll(runPolicy(plan, policy, generator, err));
            }
        } catch (Exception e) {
            err.println("bench routing: failed: " + e);
            return 1;
        }
        out.print(ComparisonReport.table(rows));
        err.printf("[routing-bench] done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        try {
            Files.writeString(plan.resultFile(), ComparisonReport.json(rows, plan.settingsJson()),
                    StandardCharsets.UTF_8);
            err.println("[routing-bench] result written to " + plan.resultFile());
        } catch (Exception e) {
            err.println("bench routing: cannot write " + plan.resultFile() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static List<BenchRow> runPolicy(BenchPlan plan, String policy, LoadGenerator generator, PrintStream err)
            throws Exception {
        Map<String, String> properties = ScenarioGateway.simulatedPool(BenchPlan.MODEL, plan.engines(), plan.simArgs());
        properties.put("gateway.routing.policy", policy);
        properties.put("gateway.proxy.access-log", "false");
        Path workDir = plan.workDir().resolve(policy);
        List<BenchRow> rows = new ArrayList<>();
        err.println("[routing-bench] policy " + policy + ": starting a gateway with " + plan.engines()
                + " simulated engines");
        System.setProperty(ScenarioGateway.JAR_PROPERTY, plan.jar().toString());
        try (ScenarioGateway gateway = ScenarioGateway.start(workDir, properties, plan.engines())) {
            List<String> engines = gateway.engineUrls();
            for (Map.Entry<String, Workload> workload : plan.workloads().entrySet()) {
                double[] rates = plan.rates(workload.getKey());
                for (int i = 0; i < rates.length; i++) {
                    LoadSpec spec = LoadSpec.builder().label(policy + " " + workload.getKey() + " " + rates[i])
                            .baseUrl(gateway.baseUrl()).model(BenchPlan.MODEL).requestRate(rates[i])
                            .numRequests((int) Math.max(10, Math.round(rates[i] * plan.seconds())))
                            .workload(workload.getValue()).outputLengths(new OutputLengths.Uniform(32, 256))
                            .ignoreEos(true).stream(true).seed(1000L * i + 7).requestTimeout(Duration.ofMinutes(5))
                            .images(workload.getKey().equals(BenchPlan.PICTURES) ? BenchPlan.PICTURE_LOAD : null)
                            .build();
                    CacheCounters before = CacheCounters.read(gateway, engines);
                    BenchResult r = generator.run(spec);
                    CacheCounters after = CacheCounters.read(gateway, engines);
                    BenchRow row = new BenchRow(workload.getKey(), rates[i], policy, r.completed(), r.failed(),
                            r.ttft().meanMs(), r.ttft().p90Ms(), r.e2e().p90Ms(), r.outputTokenThroughput(),
                            after.hitRateSince(before));
                    err.printf("[routing-bench] %-13s %-14s %5.1f req/s: ok %d fail %d, TTFT mean %.0f p90 %.0f ms,"
                            + " E2E p90 %.0f ms, %.0f out tok/s, prefix hits %.0f%%%n", policy, workload.getKey(),
                            rates[i], r.completed(), r.failed(), row.meanTtftMs(), row.p90TtftMs(), row.p90E2eMs(),
                            row.outputTokensPerSecond(), 100 * row.cacheHitRate());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Flags of {@code bench routing}. */
    record BenchPlan(boolean help, boolean quick, List<String> policies, Map<String, Workload> workloads,
            double[] prefixRates, double[] randomRates, double[] pictureRates, double seconds, int engines,
            int gpuBlocks, Path jar, Path workDir, Path resultFile) {

        static final String MODEL = "bench-model";
        static final String PICTURES = "pictures";
        /** A 1024x768 picture (999 vision tokens) from a pool of 32 per request: more than one engine caches. */
        static final ImageLoad PICTURE_LOAD = new ImageLoad(1, 1024, 768, 32);

        static final String USAGE = """
                usage: bench routing [--quick] [--policies a,b,c] [--prefix-rates r,...] [--random-rates r,...]
                                     [--picture-rates r,...] [--seconds S] [--gpu-blocks N] [--result-file F]
                                     [--work-dir D] [--jar J]

                Starts, for each policy, a gateway with 4 fresh simulated engines and runs the same seeded load:
                'shared-prefix' (8 prefixes of 2000 tokens, 150-token suffixes), 'random' (1000-token prompts) and
                'pictures' (a 1024x768 picture from a pool of 32, 999 tokens, then a 32-token question; the engines
                take images), output lengths uniform 32-256, streaming, Poisson arrivals at each rate, about S
                seconds per rate.
                Engines have --num-gpu-blocks-override N blocks of 128 tokens, so one engine cannot cache every
                prefix. Prints the comparison table; writes JSON to the result file.

                  --quick            two rates per workload, 12 s each (about 5 minutes)
                  --policies         default: round-robin,least-request,default
                  --prefix-rates     default: 6,12,18,24 (quick: 12,24)
                  --random-rates     default: 4,8,12,16 (quick: 8,16)
                  --picture-rates    default: 4,8 (quick: 6); none: no picture workload
                  --seconds          default: 20 (quick: 12)
                  --gpu-blocks       default: 100
                  --result-file      default: routing-bench.json
                  --work-dir         gateway and engine logs; default: a temporary directory
                  --jar              the gateway jar; default: the running quarkus-run.jar
                """;

        static BenchPlan parse(String[] args) throws UsageException {
            SubcommandFlags flags = SubcommandFlags.parse(args, Set.of("--policies", "--prefix-rates",
                    "--random-rates", "--picture-rates", "--seconds", "--gpu-blocks", "--result-file", "--work-dir",
                    "--jar"),
                    Set.of("--quick"));
            boolean quick = flags.has("--quick");
            boolean help = flags.help();
            List<String> policies = flags.text("--policies").map(p -> List.of(p.split(",")))
                    .orElse(List.of("round-robin", "least-request", "default"));
            double[] prefixRates = flags.positiveList("--prefix-rates",
                    quick ? new double[] {12, 24} : new double[] {6, 12, 18, 24});
            double[] randomRates = flags.positiveList("--random-rates",
                    quick ? new double[] {8, 16} : new double[] {4, 8, 12, 16});
            double[] pictureRates = flags.text("--picture-rates").filter(r -> r.equals("none")).isPresent()
                    ? new double[0] : flags.positiveList("--picture-rates", quick ? new double[] {6} : new double[] {4, 8});
            double seconds = flags.positive("--seconds", quick ? 12 : 20);
            int gpuBlocks = flags.integer("--gpu-blocks", 1, 100);
            Path resultFile = Path.of(flags.text("--result-file").orElse("routing-bench.json"));
            Path workDir = flags.text("--work-dir").map(Path::of).orElse(null);
            Path jar = flags.text("--jar").map(Path::of).orElse(null);
            if (help) {
                return new BenchPlan(true, quick, policies, Map.of(), prefixRates, randomRates, pictureRates, seconds,
                        4, gpuBlocks, jar, workDir, resultFile);
            }
            if (jar == null) {
                String classPath = System.getProperty("java.class.path", "");
                if (!classPath.endsWith("quarkus-run.jar") || classPath.contains(java.io.File.pathSeparator)) {
                    throw new UsageException("run it as 'java -jar quarkus-run.jar bench routing' or "
                            + "pass --jar");
                }
                jar = Path.of(classPath).toAbsolutePath();
            }
            try {
                workDir = workDir != null ? workDir : Files.createTempDirectory("routing-bench");
            } catch (java.io.IOException e) {
                throw new UsageException("cannot create a work directory: " + e.getMessage());
            }
            Map<String, Workload> workloads = new LinkedHashMap<>();
            workloads.put("shared-prefix", new Workload.SharedPrefix(2000, 8, 150));
            workloads.put("random", new Workload.RandomPrompts(1000));
            if (pictureRates.length > 0) {
                workloads.put(PICTURES, new Workload.RandomPrompts(32));
            }
            return new BenchPlan(help, quick, policies, workloads, prefixRates, randomRates, pictureRates, seconds, 4,
                    gpuBlocks, jar, workDir, resultFile);
        }

        double[] rates(String workload) {
            return switch (workload) {
                case "random" -> randomRates;
                case PICTURES -> pictureRates;
                default -> prefixRates;
            };
        }

        List<String> simArgs() {
            // a vision-language engine, so the picture workload is served; text prompts are served as before
            return List.of("--num-gpu-blocks-override", Integer.toString(gpuBlocks), "--sim-workers", "0",
                    "--sim-stats-interval", "60", "--sim-multimodal", "true");
        }

        String settingsJson() {
            return String.format(java.util.Locale.ROOT, "{\"engines\":%d,\"gpu_blocks\":%d,\"block_size\":128,"
                    + "\"seconds_per_rate\":%s,\"shared_prefix\":{\"prefix_tokens\":2000,\"prefixes\":8,"
                    + "\"suffix_tokens\":150},\"random\":{\"input_tokens\":1000},\"pictures\":{\"image\":\"1024x768\","
                    + "\"distinct_images\":32,\"question_tokens\":32},\"output_tokens\":\"uniform:32-256\"}",
                    engines, gpuBlocks, seconds);
        }
    }
}
