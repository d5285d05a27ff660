package io.ascendgw.gateway.bench.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.Workload;

/**
 * What the gateway costs as a proxy, measured side by side in one run on one machine: the same simulated engine
 * (zero model delay, so the proxy is what is measured) reached directly, through the gateway, and through nginx
 * set up for LLM traffic. Every target is warmed up first (the JVM compiles its hot path), then rounds are
 * interleaved so machine noise hits every target alike; besides throughput and latency, the CPU time each proxy
 * process spends per request is reported, the steadiest measure on a shared machine.
 *
 * <p>{@code java -jar target/quarkus-app/quarkus-run.jar bench proxy-overhead}, flags in {@link #USAGE}.
 */
public final class ProxyOverheadBenchmark {

    /** Benchmark parameters. */
    record Settings(int seconds, int rounds, int warmupSeconds, int concurrency, int streamOutputTokens,
            Optional<Path> resultFile, Path workDir) {
    }

    /** One run against one target, with the CPU the proxy and the engine spent per completed request. */
    record Measured(BenchResult result, double proxyCpuMicros, double engineCpuMicros) {
    }

    /** Where a target listens and which process is the proxy (none for direct). */
    private record Target(String url, ServerProcess proxy) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private ServerProcess engine;
    private String pacedDirectUrl;

    private ProxyOverheadBenchmark(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    static final String USAGE = """
            usage: bench proxy-overhead [--seconds S] [--rounds N] [--warmup-seconds W] [--concurrency C]
                                        [--stream-output-tokens T] [--result-file F]

            Starts one simulated engine with zero model delay, a gateway and nginx (apt-get install nginx; without
            it the gateway is compared with the engine alone) in front of it, and measures each side by side in
            interleaved rounds: non-streaming and streaming throughput at fixed concurrency, latency added at a
            tenth, a quarter and half of the maximum rate, and streaming at a real engine's pace. Prints ratios to
            direct and to nginx and the CPU each proxy spends per request.

              --seconds                per round; default: 10
              --rounds                 default: 3
              --warmup-seconds         per target; default: 30
              --concurrency            closed-loop clients; default: 32
              --stream-output-tokens   tokens per streamed answer; default: 128
              --result-file            also write the results as JSON
            """;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            SubcommandFlags flags = SubcommandFlags.parse(args, Set.of("--seconds", "--rounds", "--warmup-seconds",
                    "--concurrency", "--stream-output-tokens", "--result-file"), Set.of());
            if (flags.help()) {
                out.print(USAGE);
                return 0;
            }
            settings = settings(flags);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench proxy-overhead", e, USAGE, err);
        }
        try {
            new ProxyOverheadBenchmark(settings, out, err).execute();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("bench proxy-overhead: " + e.getMessage());
            return 1;
        }
    }

    private void execute() throws IOException {
        Files.createDirectories(settings.workDir());
        int simPort = ServerProcess.freePort();
        int gatewayPort = ServerProcess.freePort();
        Map<String, Target> targets = new LinkedHashMap<>();
        List<ServerProcess> servers = new ArrayList<>();
        try {
            engine = ServerProcess.start("simulator", concat(ServerProcess.thisJar(List.of("-XX:+UseSerialGC"), "sim"),
                    List.of("--model", "bench-model", "--port", Integer.toString(simPort), "--host", "127.0.0.1",
                            "--sim-zero-delay", "--sim-workers", "0")), Map.of(), settings.workDir().resolve("sim.log"))
                    .awaitHttp("http://127.0.0.1:" + simPort + "/health", 200, Duration.ofSeconds(60));
            servers.add(engine);
            targets.put("direct", new Target("http://127.0.0.1:" + simPort, null));
            // A second engine that generates at a real engine's pace (about 60 tokens/s per stream, batched).
            int pacedPort = ServerProcess.freePort();
            servers.add(ServerProcess.start("paced simulator", concat(ServerProcess.thisJar(
                    List.of("-XX:+UseSerialGC"), "sim"), List.of("--model", "paced-model", "--port",
                            Integer.toString(pacedPort), "--host", "127.0.0.1", "--sim-workers", "0",
                            "--sim-decode-base-ms", "15", "--sim-decode-per-seq-ms", "0.02")), Map.of(),
                    settings.workDir().resolve("paced-sim.log"))
                    .awaitHttp("http://127.0.0.1:" + pacedPort + "/health", 200, Duration.ofSeconds(60)));
            pacedDirectUrl = "http://127.0.0.1:" + pacedPort;
            // Admission control out of the way, as nginx has none: this measures the relay. (At these rates a zero-delay
            // engine's momentary queue would otherwise send requests to the gateway's queue; the routing and chaos
            // benchmarks measure admission at an engine's pace.)
            List<String> gatewayJvm = concat(ServerProcess.GATEWAY_JVM_OPTIONS, List.of(
                    "-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1",
                    "-Dgateway.routing.saturation.max-in-flight-per-engine=1000000",
                    "-Dgateway.routing.saturation.max-waiting-per-engine=1000000",
                    "-Dgateway.upstreams=http://127.0.0.1:" + simPort + "," + pacedDirectUrl,
                    "-Dgateway.supervision.run-dir=" + settings.workDir().resolve("gateway-run")));
            ServerProcess gateway = ServerProcess.start("gateway", ServerProcess.thisJar(gatewayJvm, null), Map.of(),
                    settings.workDir().resolve("gateway.log"))
                    .awaitHttp("http://127.0.0.1:" + gatewayPort + "/health", 200, Duration.ofSeconds(60));
            servers.add(gateway);
            targets.put("gateway", new Target("http://127.0.0.1:" + gatewayPort, gateway));
            Optional<Path> nginx = NginxReference.binary();
            if (nginx.isPresent()) {
                int nginxPort = ServerProcess.freePort();
                ServerProcess proxy = NginxReference.start(nginx.get(), settings.workDir().resolve("nginx"),
                        nginxPort, simPort).awaitHttp("http://127.0.0.1:" + nginxPort + "/health", 200,
                                Duration.ofSeconds(30));
                servers.add(proxy);
                targets.put("nginx", new Target("http://127.0.0.1:" + nginxPort, proxy));
            } else {
                err.println("[bench] nginx not installed (apt-get install nginx): no nginx reference this run");
            }
            measure(targets);
        } finally {
            for (int i = servers.size() - 1; i >= 0; i--) {
                servers.get(i).close();
            }
        }
    }

    private void measure(Map<String, Target> targets) throws IOException {
        Map<String, List<Measured>> plain = new LinkedHashMap<>();
        Map<String, List<Measured>> streamed = new LinkedHashMap<>();
        Map<String, List<Measured>> paced = new LinkedHashMap<>();
        try (LoadGenerator generator = LoadGenerator.create()) {
            LoadSpec base = LoadSpec.builder().model("bench-model").endpoint(Endpoint.COMPLETIONS)
                    .workload(new Workload.RandomPrompts(128)).duration(Duration.ofSeconds(settings.seconds()))
                    .requestTimeout(Duration.ofSeconds(60)).concurrency(settings.concurrency()).build();
            LoadSpec nonStreaming = base.toBuilder().stream(false).outputLen(16).build();
            LoadSpec streaming = base.toBuilder().stream(true).outputLen(settings.streamOutputTokens()).build();
            for (String target : targets.keySet()) {
                // JIT warm-up of every process on the path; results are thrown away.
                Duration warmup = Duration.ofSeconds(settings.warmupSeconds());
                run(generator, nonStreaming.toBuilder().duration(warmup).build(), target, targets, "warm-up");
                run(generator, streaming.toBuilder().duration(warmup.dividedBy(3)).build(), target, targets,
                        "warm-up (streaming)");
            }
            for (int round = 0; round < settings.rounds(); round++) {
                for (String target : rotated(targets, round)) {
                    plain.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, nonStreaming, target,
                            targets, "non-streaming round " + (round + 1)));
                    streamed.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, streaming, target,
                            targets, "streaming round " + (round + 1)));
                }
            }
            // Latency below saturation: an open-loop rate at half of what the slowest path sustains, so no target
            // queues and the difference is what each hop adds to a request.
            double slowest = plain.values().stream().mapToDouble(results -> OverheadReport.median(results,
                    m -> m.result().requestThroughput())).min().orElse(20);
            double rate = Math.max(10, 0.5 * slowest);
            LoadSpec belowSaturation = nonStreaming.toBuilder().requestRate(rate).build();
            for (String target : targets.keySet()) {
                // Open-loop traffic takes paths the closed-loop warm-up never did (connections opened and closed as
                // concurrency varies); a JVM compiles them on first use, which a gateway running for days does once.
                run(generator, belowSaturation, target, targets, "open-loop warm-up");
            }
            for (int round = 0; round < settings.rounds(); round++) {
                for (String target : rotated(targets, round)) {
                    paced.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, belowSaturation, target,
                            targets, String.format(Locale.ROOT, "%.0f req/s round %d", rate, round + 1)));
                }
            }
            // And lighter still: a quarter, and a tenth (a busy LLM server's request rate, far from any proxy's
            // limit), so the report shows where the added tail sets in.
            List<LightLoad> lighter = new ArrayList<>();
            for (LightLevel level : LIGHT_LEVELS) {
                double lightRate = Math.max(10, level.fraction() * slowest);
                LoadSpec light = nonStreaming.toBuilder().requestRate(lightRate).build();
                Map<String, List<Measured>> results = new LinkedHashMap<>();
                for (int round = 0; round < settings.rounds(); round++) {
                    for (String target : rotated(targets, round)) {
                        results.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, light, target,
                                targets, String.format(Locale.ROOT, "%.0f req/s round %d", lightRate, round + 1)));
                    }
                }
                lighter.add(new LightLoad(level, lightRate, results));
            }
            // Streaming at a real engine's pace: the engine, not the proxy, sets the rate, as in production.
            LoadSpec realPace = streaming.toBuilder().model("paced-model").concurrency(128).build();
            Map<String, List<Measured>> engineBound = new LinkedHashMap<>();
            Map<String, Target> pacedTargets = Map.of("direct", new Target(pacedDirectUrl, null),
                    "gateway", targets.get("gateway"));
            for (int round = 0; round < settings.rounds(); round++) {
                for (String target : List.of("direct", "gateway")) {
                    engineBound.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, realPace, target,
                            pacedTargets, "real-pace streaming round " + (round + 1)));
                }
            }
            out.print(OverheadReport.render(plain, streamed, paced, rate, settings));
            lighter.forEach(light -> out.print(OverheadReport.renderLatency(light.results(), light.rate(),
                    light.level().description())));
            out.print(OverheadReport.renderEngineBound(engineBound));
            if (settings.resultFile().isPresent()) {
                Files.writeString(settings.resultFile().get(), OverheadReport.json(plain, streamed, paced, rate,
                        engineBound, lighter));
                err.println("[bench] results written to " + settings.resultFile().get());
            }
        }
    }

    /** An open-loop rate as a fraction of the slowest target's maximum, and its name in the report and JSON. */
    record LightLevel(double fraction, String key, String description) {
    }

    static final List<LightLevel> LIGHT_LEVELS = List.of(
            new LightLevel(0.25, "quarter_load", "a quarter of the slowest target's maximum"),
            new LightLevel(0.1, "light_load", "a tenth of the slowest target's maximum"));

    /** The measurements at one light level. */
    record LightLoad(LightLevel level, double rate, Map<String, List<Measured>> results) {
    }

    private Measured run(LoadGenerator generator, LoadSpec spec, String name, Map<String, Target> targets,
            String what) {
        err.println("[bench] " + name + " " + what);
        Target target = targets.get(name);
        double proxyBefore = target.proxy() == null ? 0 : ProcessCpu.seconds(target.proxy().pid());
        double engineBefore = ProcessCpu.seconds(engine.pid());
        BenchResult result = generator.run(spec.toBuilder().label(name).baseUrl(target.url()).build(),
                ProgressListener.NONE);
        double requests = Math.max(1, result.completed());
        double proxyCpu = target.proxy() == null ? 0 : ProcessCpu.seconds(target.proxy().pid()) - proxyBefore;
        double engineCpu = ProcessCpu.seconds(engine.pid()) - engineBefore;
        return new Measured(result, proxyCpu * 1e6 / requests, engineCpu * 1e6 / requests);
    }

    private static List<String> rotated(Map<String, Target> targets, int round) {
        List<String> names = new ArrayList<>(targets.keySet());
        java.util.Collections.rotate(names, -round);
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Settings settings(SubcommandFlags flags) throws UsageException {
        Path workDir = Path.of("bench-results", "proxy-overhead-" + System.currentTimeMillis()).toAbsolutePath();
        return new Settings(flags.integer("--seconds", 1, 10), flags.integer("--rounds", 1, 3),
                flags.integer("--warmup-seconds", 1, 30), flags.integer("--concurrency", 1, 32),
                flags.integer("--stream-output-tokens", 1, 128), flags.text("--result-file").map(Path::of), workDir);
    }
}
