package io.ascendgw.gateway.bench.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.Workload;

/**
 * Faults under load: a pool of simulated engines behind a real gateway serves a steady mix of streaming and
 * non-streaming requests while, phase by phase, one engine is killed with SIGKILL, one's engine loop hangs (its
 * {@code /health} stays 200), one answers 500s, one stops answering HTTP, and finally the whole pool is restarted.
 * Each phase reports the requests that failed, the streams cut (with an error event, or silently), and how long the
 * pool took to be whole again; the end compares the gateway's descriptors, threads and child processes with the
 * start.
 */
public final class ChaosScenario {

    /** Parameters. */
    public record Settings(int engines, Duration phase, int concurrencyEach, Path workDir) {
    }

    /** One fault and what the load saw meanwhile. */
    public record PhaseResult(String fault, BenchResult nonStreaming, BenchResult streaming, Duration poolWholeAfter) {

        /** Non-streaming requests that failed (another engine was healthy throughout every phase). */
        public long failedNonStreaming() {
            return nonStreaming.failed();
        }

        /** Streams that ended with an SSE error event (the engine failed after the first byte). */
        public long streamsCutWithError() {
            return streaming.errors().getOrDefault("stream_error", 0L);
        }

        /** Streams that ended without an error event and without {@code [DONE]}: must never happen. */
        public long streamsCutSilently() {
            return streaming.errors().getOrDefault("truncated", 0L);
        }

        /** Streaming requests that failed before their first byte (status errors, timeouts). */
        public long streamsFailedOtherwise() {
            return streaming.failed() - streamsCutWithError() - streamsCutSilently();
        }
    }

    /** The gateway's resources before the first fault and after the last, once the pool is whole again. */
    public record Leaks(int fdsBefore, int fdsAfter, long threadsBefore, long threadsAfter, long processesBefore,
            long processesAfter) {
    }

    /** Everything a run measured. */
    public record Outcome(List<PhaseResult> phases, Leaks leaks) {
    }

    private record Fault(String name, Consumer<ScenarioGateway> inject, Consumer<ScenarioGateway> clear) {
    }

    private ChaosScenario() {
    }

    public static Outcome run(Settings settings, PrintStream log) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("gateway.pools.chaos.launcher", "sim");
        config.put("gateway.pools.chaos.model", "chaos-model");
        config.put("gateway.pools.chaos.replicas", Integer.toString(settings.engines()));
        config.put("gateway.pools.chaos.npus-per-replica", "0");
        config.put("gateway.pools.chaos.args", "--sim-decode-base-ms,8,--sim-decode-per-seq-ms,0.1");
        config.put("gateway.supervision.health-interval", "500ms");
        config.put("gateway.supervision.unhealthy-after", "3s");
        config.put("gateway.supervision.stall-after", "5s");
        config.put("gateway.supervision.restart-backoff", "500ms");
        config.put("gateway.supervision.restart-backoff-max", "5s");
        config.put("gateway.supervision.stop-grace", "5s");
        config.put("gateway.supervision.drain-timeout", "30s");
        config.put("gateway.proxy.access-log", "false");
        try (ScenarioGateway gateway = ScenarioGateway.start(settings.workDir(), config, settings.engines());
                LoadGenerator generator = LoadGenerator.create()) {
            LoadSpec base = LoadSpec.builder().baseUrl(gateway.baseUrl()).model("chaos-model")
                    .endpoint(Endpoint.COMPLETIONS).workload(new Workload.RandomPrompts(256))
                    .concurrency(settings.concurrencyEach()).duration(settings.phase())
                    .requestTimeout(Duration.ofSeconds(120)).build();
            LoadSpec plain = base.toBuilder().label("non-streaming").stream(false).outputLen(32).build();
            LoadSpec streamed = base.toBuilder().label("streaming").stream(true).outputLen(64).build();
            // Warm the path (and the JIT) before measuring the baseline of resources.
            generator.run(plain.toBuilder().duration(Duration.ofSeconds(5)).build(), ProgressListener.NONE);
            ScenarioGateway.pause(2000);
            int fdsBefore = gateway.openFiles();
            long threadsBefore = gateway.status("Threads");
            long processesBefore = gateway.descendants();
            List<PhaseResult> phases = new ArrayList<>();
            for (Fault fault : faults(settings.engines())) {
                log.println("[chaos] " + fault.name());
                phases.add(phase(gateway, generator, plain, streamed, fault, settings));
            }
            gateway.awaitAllReady(settings.engines(), Duration.ofSeconds(120));
            ScenarioGateway.pause(6000);
            Leaks leaks = new Leaks(fdsBefore, gateway.openFiles(), threadsBefore, gateway.status("Threads"),
                    processesBefore, gateway.descendants());
            return new Outcome(phases, leaks);
        }
    }

    private static List<Fault> faults(int engines) {
        String last = "chaos-" + (engines - 1);
        return List.of(
                new Fault("engine killed with SIGKILL", g -> ProcessHandle.of(g.engine("chaos-0").path("pid")
                        .asLong()).ifPresent(ProcessHandle::destroyForcibly), g -> {
                        }),
                new Fault("engine loop hangs, /health stays 200", g -> g.fault("chaos-1", "{\"hang\":true}"), g -> {
                }),
                new Fault("engine answers 500s", g -> g.fault("chaos-2", "{\"failRate\":1.0}"),
                        g -> g.fault("chaos-2", "{\"clear\":true}")),
                new Fault("engine stops answering HTTP", g -> g.fault(last, "{\"hangHttp\":true}"), g -> {
                }),
                new Fault("rolling restart of the whole pool", g -> g.post("/admin/pools/chaos/restart", ""), g -> {
                }));
    }

    private static PhaseResult phase(ScenarioGateway gateway, LoadGenerator generator, LoadSpec plain,
            LoadSpec streamed, Fault fault, Settings settings) {
        CompletionStage<BenchResult> plainRun = generator.start(plain, ProgressListener.NONE);
        CompletionStage<BenchResult> streamRun = generator.start(streamed, ProgressListener.NONE);
        ScenarioGateway.pause(settings.phase().toMillis() / 4);
        long injected = System.nanoTime();
        fault.inject().accept(gateway);
        // Watch the pool until the load ends: when was it whole again after the fault made it smaller?
        boolean degraded = false;
        long wholeAt = -1;
        CompletableFuture<BenchResult> plainDone = plainRun.toCompletableFuture();
        CompletableFuture<BenchResult> streamDone = streamRun.toCompletableFuture();
        while (!(plainDone.isDone() && streamDone.isDone())) {
            long ready = gateway.readyEngines();
            if (ready < settings.engines()) {
                degraded = true;
                wholeAt = -1;
            } else if (degraded && wholeAt < 0) {
                wholeAt = System.nanoTime();
            }
            ScenarioGateway.pause(200);
        }
        fault.clear().accept(gateway);
        if (degraded && wholeAt < 0) {
            gateway.awaitAllReady(settings.engines(), Duration.ofSeconds(120));
            wholeAt = System.nanoTime();
        }
        Duration whole = degraded ? Duration.ofNanos(wholeAt - injected) : Duration.ZERO;
        return new PhaseResult(fault.name(), plainDone.join(), streamDone.join(), whole);
    }
}
