package io.ascendgw.gateway.bench.lora;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * {@code bench lora}: LoRA-adapter affinity on and off side by side on one machine. One gateway per configuration,
 * each with fresh simulated engines serving the same adapters, all started up front; then, rate by rate, the same
 * seeded requests go through each gateway in turn (the order alternates from rate to rate, so a drift of the
 * shared machine does not always favour the same one). Prints one comparison table and writes the JSON. Blocking;
 * runs without Quarkus.
 */
public final class LoraBenchmarkMain {

    private static final String TAG = "[lora-bench] ";

    private LoraBenchmarkMain() {
    }

    /** The whole program; returns the exit code (0 ran, 1 failed, 2 bad flags). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LoraBenchPlan plan;
        try {
            plan = LoraBenchPlan.parse(args);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench lora", e, LoraBenchPlan.USAGE, err);
        }
        if (plan.help()) {
            out.print(LoraBenchPlan.USAGE);
            return 0;
        }
        plan.jar().ifPresent(jar -> System.setProperty(ScenarioGateway.JAR_PROPERTY, jar.toString()));
        long started = System.nanoTime();
        List<ScenarioGateway> gateways = new ArrayList<>();
        List<LoraRow> rows = new ArrayList<>();
        try (LoadGenerator generator = LoadGenerator.create()) {
            for (Contender contender : plan.contenders()) {
                err.println(TAG + contender.name() + ": starting a gateway with " + plan.engines()
                        + " simulated engines, " + plan.adapters() + " adapters, --max-loras " + plan.maxLoras());
                gateways.add(ScenarioGateway.start(plan.workDir().resolve(contender.name()),
                        plan.gatewayProperties(contender), plan.engines()));
                err.printf(TAG + "%s: ready at %.0f s%n", contender.name(), (System.nanoTime() - started) / 1e9);
            }
            for (int g = 0; g < gateways.size(); g++) {
                generator.run(spec(plan, gateways.get(g), "warm-up", plan.quick() ? 4 : 8, 99)
                        .numRequests(plan.quick() ? 20 : 40).build());
            }
            double[] rates = plan.rates();
            for (int i = 0; i < rates.length; i++) {
                for (int k = 0; k < gateways.size(); k++) {
                    int g = i % 2 == 0 ? k : gateways.size() - 1 - k;
                    rows.add(measure(plan, plan.contenders().get(g), gateways.get(g), rates[i], 1000L * i + 7,
                            generator, err));
                }
            }
        } catch (RuntimeException e) {
            err.println("bench lora: failed: " + e);
            return 1;
        } finally {
            gateways.forEach(ScenarioGateway::close);
        }
        List<String> order = plan.contenders().stream().map(Contender::name).toList();
        rows.sort(Comparator.comparingDouble(LoraRow::rate).thenComparingInt(r -> order.indexOf(r.config())));
        out.print(LoraReport.table(rows));
        err.printf(TAG + "done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        try {
            Files.writeString(plan.resultFile(), LoraReport.json(rows, plan.settingsJson()), StandardCharsets.UTF_8);
            err.println(TAG + "result written to " + plan.resultFile());
        } catch (Exception e) {
            err.println("bench lora: cannot write " + plan.resultFile() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static LoraRow measure(LoraBenchPlan plan, Contender contender, ScenarioGateway gateway, double rate,
            long seed, LoadGenerator generator, PrintStream err) {
        List<String> engines = gateway.engineUrls();
        EngineCounters before = EngineCounters.read(gateway, engines);
        BenchResult r = generator.run(spec(plan, gateway, contender.name() + " " + rate, rate, seed)
                .numRequests(plan.requests(rate)).build());
        EngineCounters counted = EngineCounters.read(gateway, engines).since(before);
        LoraRow row = new LoraRow(contender.name(), rate, r.completed(), r.failed(), r.requestThroughput(),
                r.outputTokenThroughput(), r.ttft().medianMs(), r.ttft().p99Ms(), r.e2e().medianMs(), r.e2e().p99Ms(),
                counted);
        err.printf(TAG + "%-13s %5.1f req/s: ok %d fail %d, %.0f out tok/s, TTFT p50 %.0f p99 %.0f ms, E2E p99 %.0f"
                + " ms, queued %.0f ms on average, %.0f%% over %.1f s%n", contender.name(), rate, r.completed(),
                r.failed(), row.outputTokensPerSecond(), row.ttftP50Ms(), row.ttftP99Ms(), row.e2eP99Ms(),
                counted.meanQueueMs(), 100 * counted.waitedShare(), EngineCounters.WAIT_THRESHOLD_SECONDS);
        r.errorSamples().forEach((kind, detail) -> err.println(TAG + "first " + kind + ": " + detail));
        return row;
    }

    private static LoadSpec.Builder spec(LoraBenchPlan plan, ScenarioGateway gateway, String label, double rate,
            long seed) {
        return LoadSpec.builder().label(label).baseUrl(gateway.baseUrl()).endpoint(Endpoint.CHAT)
                .modelMix(plan.mix()).requestRate(rate).workload(LoraBenchPlan.WORKLOAD)
                .outputLengths(LoraBenchPlan.OUTPUT_LENGTHS).ignoreEos(true).stream(true).seed(seed)
                .requestTimeout(Duration.ofMinutes(5));
    }
}
