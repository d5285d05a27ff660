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

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.Workload;

/**
 * What the gateway costs as a proxy, measured side by side in one run on one machine: the same simulated engine
 * (zero model delay, so the proxy is what is measured) reached directly, through the gateway, and through nginx
 * set up for LLM traffic. Rounds are interleaved so machine noise hits every target alike.
 *
 * <p>{@code java -jar target/quarkus-app/quarkus-run.jar bench proxy-overhead [--seconds 10] [--rounds 3]
 * [--concurrency 32] [--result-file f.json]}
 */
public final class ProxyOverheadBenchmark {

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    /** Benchmark parameters. */
    record Settings(int seconds, int rounds, int concurrency, int streamOutputTokens, Optional<Path> resultFile,
            Path workDir) {
    }

    private ProxyOverheadBenchmark(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench proxy-overhead: " + e.getMessage());
            err.println("flags: --seconds N (per round, default 10) --rounds N (default 3) --concurrency N (default 32)"
                    + " --stream-output-tokens N (default 128) --result-file FILE");
            return 2;
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
        Map<String, String> targets = new LinkedHashMap<>();
        List<ServerProcess> servers = new ArrayList<>();
        try {
            servers.add(ServerProcess.start("simulator", concat(ServerProcess.thisJar(List.of("-XX:+UseSerialGC"),
                    "sim"), List.of("--model", "bench-model", "--port", Integer.toString(simPort), "--host",
                            "127.0.0.1", "--sim-zero-delay", "--sim-workers", "0")), Map.of(),
                    settings.workDir().resolve("sim.log"))
                    .awaitHttp("http://127.0.0.1:" + simPort + "/health", 200, Duration.ofSeconds(60)));
            targets.put("direct", "http://127.0.0.1:" + simPort);
            servers.add(ServerProcess.start("gateway", ServerProcess.thisJar(List.of(
                    "-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1",
                    "-Dgateway.upstreams=http://127.0.0.1:" + simPort,
                    "-Dgateway.supervision.run-dir=" + settings.workDir().resolve("gateway-run")), null), Map.of(),
                    settings.workDir().resolve("gateway.log"))
                    .awaitHttp("http://127.0.0.1:" + gatewayPort + "/health", 200, Duration.ofSeconds(60)));
            targets.put("gateway", "http://127.0.0.1:" + gatewayPort);
            Optional<Path> nginx = NginxReference.binary();
            if (nginx.isPresent()) {
                int nginxPort = ServerProcess.freePort();
                servers.add(NginxReference.start(nginx.get(), settings.workDir().resolve("nginx"), nginxPort, simPort)
                        .awaitHttp("http://127.0.0.1:" + nginxPort + "/health", 200, Duration.ofSeconds(30)));
                targets.put("nginx", "http://127.0.0.1:" + nginxPort);
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

    private void measure(Map<String, String> targets) throws IOException {
        Map<String, List<BenchResult>> plain = new LinkedHashMap<>();
        Map<String, List<BenchResult>> streamed = new LinkedHashMap<>();
        Map<String, List<BenchResult>> paced = new LinkedHashMap<>();
        try (LoadGenerator generator = LoadGenerator.create()) {
            LoadSpec base = LoadSpec.builder().model("bench-model").endpoint(Endpoint.COMPLETIONS)
                    .workload(new Workload.RandomPrompts(128)).duration(Duration.ofSeconds(settings.seconds()))
                    .warmupRequests(200).requestTimeout(Duration.ofSeconds(60)).concurrency(settings.concurrency()).build();
            LoadSpec nonStreaming = base.toBuilder().stream(false).outputLen(16).concurrency(settings.concurrency())
                    .build();
            LoadSpec streaming = base.toBuilder().stream(true).outputLen(settings.streamOutputTokens())
                    .concurrency(settings.concurrency()).build();
            for (int round = 0; round < settings.rounds(); round++) {
                for (String target : rotated(targets, round)) {
                    plain.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, nonStreaming, target,
                            targets, "non-streaming round " + (round + 1)));
                    streamed.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, streaming, target,
                            targets, "streaming round " + (round + 1)));
                }
            }
            // Latency below saturation: an open-loop rate at half of what the engine alone sustains.
            double rate = Math.max(10, 0.5 * median(plain.get("direct"), BenchResult::requestThroughput));
            LoadSpec belowSaturation = nonStreaming.toBuilder().requestRate(rate).build();
            for (int round = 0; round < settings.rounds(); round++) {
                for (String target : rotated(targets, round)) {
                    paced.computeIfAbsent(target, t -> new ArrayList<>()).add(run(generator, belowSaturation, target,
                            targets, String.format(Locale.ROOT, "%.0f req/s round %d", rate, round + 1)));
                }
            }
            String report = OverheadReport.render(plain, streamed, paced, rate, settings);
            out.print(report);
            if (settings.resultFile().isPresent()) {
                Files.writeString(settings.resultFile().get(), OverheadReport.json(plain, streamed, paced, rate));
                err.println("[bench] results written to " + settings.resultFile().get());
            }
        }
    }

    private BenchResult run(LoadGenerator generator, LoadSpec spec, String target, Map<String, String> targets,
            String what) {
        err.println("[bench] " + target + " " + what);
        return generator.run(spec.toBuilder().label(target).baseUrl(targets.get(target)).build(),
                ProgressListener.NONE);
    }

    static double median(List<BenchResult> results, java.util.function.ToDoubleFunction<BenchResult> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static List<String> rotated(Map<String, String> targets, int round) {
        List<String> names = new ArrayList<>(targets.keySet());
        java.util.Collections.rotate(names, -round);
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Settings parse(String[] args) {
        int seconds = 10;
        int rounds = 3;
        int concurrency = 32;
        int streamTokens = 128;
        Optional<Path> resultFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--seconds" -> seconds = positive(flag, value);
                case "--rounds" -> rounds = positive(flag, value);
                case "--concurrency" -> concurrency = positive(flag, value);
                case "--stream-output-tokens" -> streamTokens = positive(flag, value);
                case "--result-file" -> resultFile = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        Path workDir = Path.of("bench-results", "proxy-overhead-" + System.currentTimeMillis()).toAbsolutePath();
        return new Settings(seconds, rounds, concurrency, streamTokens, resultFile, workDir);
    }

    private static int positive(String flag, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(flag + " must be a positive integer, got " + value);
    }
}
