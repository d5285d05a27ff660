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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.Endpoint;
import io.ascendgw.gateway.bench.LoadGenerator;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.ProgressListener;
import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.Workload;

/**
 * {@code bench soak} (flags in {@link #USAGE}): steady mixed load (half streaming) on a
 * gateway with two simulated engines, reporting per interval the latency percentiles and the gateway's memory
 * (RSS, heap, live data after GC), threads, open files and sockets, then whether any of them grew.
 */
public final class SoakBenchmark {

    /** One interval: what the load saw and what the gateway held at its end. */
    record Sample(int index, BenchResult plain, BenchResult streamed, long rssKb, double heapMb, double liveMb,
            long threads, int files, int sockets) {
    }

    private SoakBenchmark() {
    }

    static final String USAGE = """
            usage: bench soak [--minutes M] [--rate R] [--interval-seconds S]

            Starts a gateway with two simulated engines and sends R requests/s (half of them streaming) for M
            minutes; every S seconds prints the latency percentiles and the gateway's memory (RSS, heap, live data
            after GC), threads, open files and sockets, and at the end whether any of them grew.

              --minutes            >= 1; default: 10
              --rate               requests per second, > 0; default: 40
              --interval-seconds   >= 5; default: 30
            """;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int minutes;
        double rate;
        int interval;
        try {
            SubcommandFlags flags = SubcommandFlags.parse(args,
                    Set.of("--minutes", "--rate", "--interval-seconds"), Set.of());
            if (flags.help()) {
                out.print(USAGE);
                return 0;
            }
            minutes = flags.integer("--minutes", 1, 10);
            rate = flags.positive("--rate", 40);
            interval = flags.integer("--interval-seconds", 5, 30);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench soak", e, USAGE, err);
        }
        Path workDir = Path.of("bench-results", "soak-" + System.currentTimeMillis()).toAbsolutePath();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("gateway.pools.soak.launcher", "sim");
        config.put("gateway.pools.soak.model", "soak-model");
        config.put("gateway.pools.soak.replicas", "2");
        config.put("gateway.pools.soak.npus-per-replica", "0");
        config.put("gateway.pools.soak.args", "--sim-decode-base-ms,8,--sim-decode-per-seq-ms,0.1");
        config.put("gateway.proxy.access-log", "false");
        int intervals = Math.max(2, minutes * 60 / interval);
        List<Sample> samples = new ArrayList<>();
        try (ScenarioGateway gateway = ScenarioGateway.start(workDir, config, 2);
                LoadGenerator generator = LoadGenerator.create()) {
            LoadSpec base = LoadSpec.builder().baseUrl(gateway.baseUrl()).model("soak-model")
                    .endpoint(Endpoint.CHAT).workload(new Workload.SharedPrefix(512, 4, 64))
                    .requestRate(rate / 2).duration(Duration.ofSeconds(interval))
                    .requestTimeout(Duration.ofSeconds(120)).build();
            out.println(header());
            for (int i = 0; i < intervals; i++) {
                CompletableFuture<BenchResult> plain = generator.start(base.toBuilder().label("plain").stream(false)
                        .outputLen(32).seed(i).build(), ProgressListener.NONE).toCompletableFuture();
                CompletableFuture<BenchResult> streamed = generator.start(base.toBuilder().label("stream").stream(true)
                        .outputLen(64).seed(1000 + i).build(), ProgressListener.NONE).toCompletableFuture();
                Sample sample = sample(i, plain.join(), streamed.join(), gateway);
                samples.add(sample);
                out.println(row(sample));
            }
        }
        out.print(verdict(samples));
        return 0;
    }

    private static Sample sample(int index, BenchResult plain, BenchResult streamed, ScenarioGateway gateway) {
        String metrics = gateway.metrics();
        return new Sample(index, plain, streamed, gateway.status("VmRSS"),
                sum(metrics, "jvm_memory_used_bytes{area=\"heap\"") / 1e6,
                sum(metrics, "jvm_gc_live_data_size_bytes") / 1e6, gateway.status("Threads"), gateway.openFiles(),
                sockets(gateway.pid()));
    }

    /** Sum of the samples of a series whose line starts with {@code prefix}. */
    static double sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static int sockets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String header() {
        return String.format(Locale.ROOT, "%4s %8s %8s %9s %9s %9s %8s %8s %8s %7s %6s %7s", "#",
                "req/s", "errors", "p50 ms", "p99 ms", "TTFT p99", "RSS MB", "heap MB", "live MB", "threads", "files",
                "sockets");
    }

    private static String row(Sample s) {
        double rps = s.plain().requestThroughput() + s.streamed().requestThroughput();
        return String.format(Locale.ROOT, "%4d %8.1f %8d %9.1f %9.1f %9.1f %8.1f %8.1f %8.1f %7d %6d %7d", s.index(),
                rps, s.plain().failed() + s.streamed().failed(), s.plain().e2e().medianMs(), s.plain().e2e().p99Ms(),
                s.streamed().ttft().p99Ms(), s.rssKb() / 1024.0, s.heapMb(), s.liveMb(), s.threads(), s.files(),
                s.sockets());
    }

    /** Compares the second half of the run with the first (the first interval is warm-up and left out). */
    static String verdict(List<Sample> samples) {
        List<Sample> steady = samples.subList(1, samples.size());
        int half = Math.max(1, steady.size() / 2);
        List<Sample> first = steady.subList(0, half);
        List<Sample> second = steady.subList(Math.min(half, steady.size() - 1), steady.size());
        StringBuilder s = new StringBuilder("\nGrowth, second half of the run vs first (medians):\n");
        s.append(growth("RSS MB", first, second, x -> x.rssKb() / 1024.0));
        s.append(growth("live data after GC MB", first, second, Sample::liveMb));
        s.append(growth("threads", first, second, x -> x.threads()));
        s.append(growth("open files", first, second, x -> x.files()));
        s.append(growth("sockets", first, second, x -> x.sockets()));
        s.append(growth("p99 latency ms", first, second, x -> x.plain().e2e().p99Ms()));
        return s.toString();
    }

    private static String growth(String what, List<Sample> first, List<Sample> second,
            java.util.function.ToDoubleFunction<Sample> metric) {
        double a = median(first, metric);
        double b = median(second, metric);
        return String.format(Locale.ROOT, "  %-24s %10.1f -> %10.1f  (%+.1f%%)%n", what, a, b,
                a == 0 ? 0 : (b - a) * 100 / a);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric) {
        double[] values = samples.stream().mapToDouble(metric).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }
}
