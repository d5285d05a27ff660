package io.ascendgw.gateway.bench.fairness;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * {@code bench fairness}: two of the admission queue's policies side by side on one machine. One gateway per policy,
 * each with its own simulated engines, both started up front; then, round by round and in alternating order, the
 * scenario's two tenants (two API keys) load a gateway's pool: a batch flood and an interactive tenant's questions
 * under fifo and per-key, or floods of long and of short outputs under per-key-requests and per-key. Prints one table
 * and writes the JSON. Blocking; runs without Quarkus.
 */
public final class FairnessBenchmarkMain {

    private static final String TAG = "[fairness-bench] ";
    private static final int PROGRESS_EVERY_SECONDS = 10;

    private FairnessBenchmarkMain() {
    }

    /** What a run prints and writes. */
    private record Report(String table, String json) {
    }

    /** The whole program; returns the exit code (0 ran, 1 failed, 2 bad flags). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        FairnessPlan plan;
        try {
            plan = FairnessPlan.parse(args);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench fairness", e, FairnessPlan.USAGE, err);
        }
        if (plan.help()) {
            out.print(FairnessPlan.USAGE);
            return 0;
        }
        plan.jar().ifPresent(jar -> System.setProperty(ScenarioGateway.JAR_PROPERTY, jar.toString()));
        long started = System.nanoTime();
        // (Ctrl-C stops the gateways too: ServerProcess closes what is open when the JVM exits.)
        Map<String, ScenarioGateway> gateways = new LinkedHashMap<>();
        Report report;
        try (LoadGenerator generator = LoadGenerator.create()) {
            for (String policy : plan.scenario().policies()) {
                err.println(TAG + policy + ": starting a gateway with " + plan.engines() + " simulated engines,"
                        + " --max-num-seqs " + plan.maxNumSeqs());
                ScenarioGateway gateway = ScenarioGateway.start(plan.workDir().resolve(policy),
                        plan.gatewayProperties(policy), plan.engines());
                gateways.put(policy, gateway);
                warmUp(plan, policy, gateway, generator);
                err.printf(TAG + "%s: ready and warmed up at %.0f s%n", policy, (System.nanoTime() - started) / 1e9);
            }
            report = switch (plan.scenario()) {
                case INTERACTIVE -> {
                    List<RoundResult> results = rounds(plan, gateways,
                            (slot, gateway) -> interactiveRound(plan, slot, gateway, generator, err));
                    yield new Report(FairnessReport.table(results), FairnessReport.json(results, plan.settingsJson()));
                }
                case TOKENS -> {
                    List<TokensRound> results = rounds(plan, gateways,
                            (slot, gateway) -> tokensRound(plan, slot, gateway, generator, err));
                    yield new Report(TokensReport.table(results), TokensReport.json(results, plan.settingsJson()));
                }
            };
        } catch (RuntimeException e) {
            err.println("bench fairness: failed: " + e);
            err.println(TAG + "gateway and engine logs: " + plan.workDir());
            return 1;
        } finally {
            gateways.values().forEach(ScenarioGateway::close);
        }
        out.print(report.table());
        err.printf(TAG + "done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        try {
            Files.writeString(plan.resultFile(), report.json(), StandardCharsets.UTF_8);
            err.println(TAG + "result written to " + plan.resultFile());
        } catch (Exception e) {
            err.println("bench fairness: cannot write " + plan.resultFile() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Both keys must get through before anything is measured: a refused key would measure only 401s. */
    private static void warmUp(FairnessPlan plan, String policy, ScenarioGateway gateway, LoadGenerator generator) {
        for (Tenant tenant : plan.scenario().tenants()) {
            BenchResult r = generator.run(plan.warmupSpec(gateway.baseUrl(), tenant));
            if (r.failed() > 0) {
                throw new IllegalStateException(policy + " gateway, warm-up of " + tenant.keyName() + ": "
                        + r.failed() + " failed, first " + r.errorSamples());
            }
        }
    }

    /** The plan's rounds in their order, each on its policy's gateway. */
    private static <R> List<R> rounds(FairnessPlan plan, Map<String, ScenarioGateway> gateways,
            BiFunction<FairnessPlan.Slot, ScenarioGateway, R> round) {
        List<R> results = new ArrayList<>();
        for (FairnessPlan.Slot slot : plan.order()) {
            results.add(round.apply(slot, gateways.get(slot.policy())));
        }
        return results;
    }

    private static RoundResult interactiveRound(FairnessPlan plan, FairnessPlan.Slot slot, ScenarioGateway gateway,
            LoadGenerator generator, PrintStream err) {
        String name = slot.policy() + "#" + slot.round();
        long seed = 1000L * slot.round();
        err.printf(TAG + "%s: batch keeps %d requests in flight; interactive starts in %.0f s, sends %.1f req/s"
                + " for %.0f s%n", name, plan.concurrency(), plan.leadSeconds(), plan.interactiveRate(),
                plan.seconds());
        CompletableFuture<BenchResult> batch = generator.start(plan.batchSpec(gateway.baseUrl(), name + " batch",
                seed), every(err)).toCompletableFuture();
        pause(Math.round(plan.leadSeconds() * 1000));
        CompletableFuture<BenchResult> interactive = generator.start(plan.interactiveSpec(gateway.baseUrl(),
                name + " interactive", seed + 1), every(err)).toCompletableFuture();
        BenchResult i = join(interactive);
        BenchResult b = join(batch);
        RoundResult result = new RoundResult(slot.policy(), slot.round(), LatencyNumbers.of(i),
                BatchNumbers.of(b));
        LatencyNumbers n = result.interactive();
        err.printf(TAG + "%s: interactive ok %d fail %d (429: %d), TTFT p50 %.0f p99 %.0f ms, E2E p99 %.0f ms;"
                + " batch ok %d fail %d, %.0f out tok/s%n", name, n.completed(), n.failed(), n.refused(),
                n.ttftP50Ms(), n.ttftP99Ms(), n.e2eP99Ms(), result.batch().completed(), result.batch().failed(),
                result.batch().outputTokensPerSecond());
        firstErrors(Tenant.INTERACTIVE, i, err);
        firstErrors(Tenant.BATCH, b, err);
        return result;
    }

    /**
     * Both floods at once for the window, then drained; the gateway's queue-wait sums read before and after tell
     * how much of each tenant's E2E was spent waiting rather than on an engine.
     */
    private static TokensRound tokensRound(FairnessPlan plan, FairnessPlan.Slot slot, ScenarioGateway gateway,
            LoadGenerator generator, PrintStream err) {
        String name = slot.policy() + "#" + slot.round();
        long seed = 1000L * slot.round();
        err.printf(TAG + "%s: long and short keep %d requests in flight each for %.0f s, then drain%n", name,
                plan.concurrency() / 2, plan.seconds());
        QueueWaits before = QueueWaits.read(gateway, plan.scenario().tenants());
        CompletableFuture<BenchResult> longRun = generator.start(plan.tokensSpec(Tenant.LONG, gateway.baseUrl(),
                name + " long", seed), every(err)).toCompletableFuture();
        CompletableFuture<BenchResult> shortRun = generator.start(plan.tokensSpec(Tenant.SHORT, gateway.baseUrl(),
                name + " short", seed + 1), every(err)).toCompletableFuture();
        BenchResult l = join(longRun);
        BenchResult s = join(shortRun);
        QueueWaits after = QueueWaits.read(gateway, plan.scenario().tenants());
        TokensNumbers n = new TokensNumbers(Math.max(l.durationSeconds(), s.durationSeconds()),
                TenantService.of(l, after.since(before, Tenant.LONG)),
                TenantService.of(s, after.since(before, Tenant.SHORT)), LatencyNumbers.of(s));
        err.printf(TAG + "%s: long ok %d fail %d, %.0f out tok/s, %.1f slots; short ok %d fail %d, %.0f out tok/s,"
                + " %.1f slots, TTFT p50 %.0f ms; %.0f s%n", name, n.longTenant().completed(),
                n.longTenant().failed(), n.rate(n.longTenant(), ServiceMeasure.OUTPUT_TOKENS),
                n.rate(n.longTenant(), ServiceMeasure.SLOT_SECONDS), n.shortTenant().completed(),
                n.shortTenant().failed(), n.rate(n.shortTenant(), ServiceMeasure.OUTPUT_TOKENS),
                n.rate(n.shortTenant(), ServiceMeasure.SLOT_SECONDS), n.shortLatency().ttftP50Ms(), n.seconds());
        firstErrors(Tenant.LONG, l, err);
        firstErrors(Tenant.SHORT, s, err);
        return new TokensRound(slot.policy(), slot.round(), n);
    }

    private static void firstErrors(Tenant tenant, BenchResult r, PrintStream err) {
        r.errorSamples().forEach((kind, detail) -> err.println(TAG + tenant.keyName() + ", first " + kind + ": "
                + detail));
    }

    /** The generator's progress line every {@link #PROGRESS_EVERY_SECONDS}; each listener stays on one loop. */
    private static ProgressListener every(PrintStream err) {
        double[] next = {PROGRESS_EVERY_SECONDS};
        return progress -> {
            if (progress.elapsedSeconds() >= next[0]) {
                next[0] = (Math.floor(progress.elapsedSeconds() / PROGRESS_EVERY_SECONDS) + 1)
                        * PROGRESS_EVERY_SECONDS;
                err.println(progress.line());
            }
        };
    }

    private static BenchResult join(CompletableFuture<BenchResult> run) {
        try {
            return run.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
