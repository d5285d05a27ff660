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

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

/**
 * {@code bench fairness}: the admission queue's policies, {@code fifo} and {@code per-key}, side by side on one
 * machine. One gateway per policy, each with its own simulated engines, both started up front; then, round by
 * round and in alternating order, a batch tenant floods a gateway's pool and an interactive tenant (another API key)
 * asks its questions meanwhile. Prints one table and writes the JSON. Blocking; runs without Quarkus.
 */
public final class FairnessBenchmarkMain {

    private static final String TAG = "[fairness-bench] ";
    private static final int PROGRESS_EVERY_SECONDS = 10;

    private FairnessBenchmarkMain() {
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
        List<RoundResult> results = new ArrayList<>();
        try (LoadGenerator generator = LoadGenerator.create()) {
            for (String policy : List.of(FairnessPlan.FIFO, FairnessPlan.PER_KEY)) {
                err.println(TAG + policy + ": starting a gateway with " + plan.engines() + " simulated engines,"
                        + " --max-num-seqs " + plan.maxNumSeqs());
                ScenarioGateway gateway = ScenarioGateway.start(plan.workDir().resolve(policy),
                        plan.gatewayProperties(policy), plan.engines());
                gateways.put(policy, gateway);
                warmUp(plan, policy, gateway, generator);
                err.printf(TAG + "%s: ready and warmed up at %.0f s%n", policy, (System.nanoTime() - started) / 1e9);
            }
            for (FairnessPlan.Slot slot : plan.order()) {
                results.add(round(plan, slot, gateways.get(slot.policy()), generator, err));
            }
        } catch (RuntimeException e) {
            err.println("bench fairness: failed: " + e);
            err.println(TAG + "gateway and engine logs: " + plan.workDir());
            return 1;
        } finally {
            gateways.values().forEach(ScenarioGateway::close);
        }
        out.print(FairnessReport.table(results));
        err.printf(TAG + "done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        try {
            Files.writeString(plan.resultFile(), FairnessReport.json(results, plan.settingsJson()),
                    StandardCharsets.UTF_8);
            err.println(TAG + "result written to " + plan.resultFile());
        } catch (Exception e) {
            err.println("bench fairness: cannot write " + plan.resultFile() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Both keys must get through before anything is measured: a refused key would measure only 401s. */
    private static void warmUp(FairnessPlan plan, String policy, ScenarioGateway gateway, LoadGenerator generator) {
        for (Tenant tenant : Tenant.values()) {
            BenchResult r = generator.run(plan.warmupSpec(gateway.baseUrl(), tenant));
            if (r.failed() > 0) {
                throw new IllegalStateException(policy + " gateway, warm-up of " + tenant.keyName() + ": "
                        + r.failed() + " failed, first " + r.errorSamples());
            }
        }
    }

    private static RoundResult round(FairnessPlan plan, FairnessPlan.Slot slot, ScenarioGateway gateway,
            LoadGenerator generator, PrintStream err) {
        String name = slot.policy() + "#" + slot.round();
        long seed = 1000L * slot.round();
        err.printf(TAG + "%s: batch keeps %d requests in flight; interactive starts in %.0f s, sends %.1f req/s"
                + " for %.0f s%n", name, plan.batchConcurrency(), plan.leadSeconds(), plan.interactiveRate(),
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
        i.errorSamples().forEach((kind, detail) -> err.println(TAG + "interactive, first " + kind + ": " + detail));
        b.errorSamples().forEach((kind, detail) -> err.println(TAG + "batch, first " + kind + ": " + detail));
        return result;
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
