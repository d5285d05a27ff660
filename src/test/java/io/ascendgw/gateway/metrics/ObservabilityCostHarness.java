package io.ascendgw.gateway.metrics;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.metrics.npu.NpuFamilies;
import io.ascendgw.gateway.metrics.npu.NpuInfoParse;
import io.ascendgw.gateway.metrics.npu.NpuOwnership;
import io.ascendgw.gateway.metrics.npu.NpuProbeResult;
import io.ascendgw.gateway.metrics.npu.NpuSmiCommandProbe;
import io.ascendgw.gateway.metrics.npu.NpuSmiInfoParser;
import io.ascendgw.gateway.metrics.npu.NpuSnapshot;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.vllm.VllmFamilies;
import io.ascendgw.gateway.metrics.vllm.VllmLoadExtractor;
import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * Measures what observability costs the gateway (not a test; numbers vary with the machine): CPU time and
 * allocation per scrape round of 8 engines (parse, load extraction, family selection, store), per npu-smi poll
 * (parse and export without the process, and the whole probe with the fake npu-smi process), and per
 * {@code /metrics} render with 8 engines and 8 NPUs. Run after {@code ./mvnw -o test-compile} with
 * {@code java -cp "target/classes:target/test-classes:$(cat cp.txt)" io.ascendgw.gateway.metrics.ObservabilityCostHarness
 * [vllm-metrics.txt]} ({@code cp.txt} from {@code ./mvnw -o dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class ObservabilityCostHarness {

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ENGINES = 8;

    private ObservabilityCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        String vllmText = args.length > 0 ? Files.readString(Path.of(args[0]))
            : TestFixtures.read("fixtures/vllm/metrics-v1.txt");
        String table = TestFixtures.read("fixtures/npu-smi/info-910b-8.txt");
        System.out.printf("engine /metrics: %d bytes; npu-smi table: %d bytes%n", vllmText.length(), table.length());

        // one scrape round: what EngineScraper does per engine once the body has arrived
        List<Engine> engines = new ArrayList<>();
        List<PrometheusTextParser> parsers = new ArrayList<>();
        for (int i = 0; i < ENGINES; i++) {
            engines.add(Engines.ready("e-" + i, List.of(i)));
            parsers.add(new PrometheusTextParser());
        }
        VllmLoadExtractor extractor = new VllmLoadExtractor();
        VllmFamilies families = new VllmFamilies();
        measure("scrape round, 8 engines (parse+extract+store)", 2000, () -> {
            long now = System.nanoTime();
            for (int i = 0; i < ENGINES; i++) {
                ParsedMetrics parsed = parsers.get(i).parse(vllmText);
                engines.get(i).telemetry().update(extractor.extract(parsed, now), families.select(parsed),
                        engines.get(i).inFlight());
            }
        });

        // npu-smi poll without the process: parse the table, derive the families (with /proc ownership lookups)
        NpuSmiInfoParser npuParser = new NpuSmiInfoParser();
        Map<Integer, String> engineByNpu = Map.of(0, "e-0", 1, "e-1", 2, "e-2", 3, "e-3", 4, "e-4", 5, "e-5",
            6, "e-6", 7, "e-7");
        NpuOwnership ownership = new NpuOwnership(Map.of(ProcessHandle.current().pid(), "self"),
            NpuOwnership.ProcessParents.host());
        List<List<MetricFamily>> npuFamilies = new ArrayList<>(List.of(List.of()));
        measure("npu-smi poll, process excluded (parse+export)", 2000, () -> {
            NpuSnapshot snapshot = ((NpuInfoParse.Parsed) npuParser.parse(table)).snapshot();
            npuFamilies.set(0, NpuFamilies.of(snapshot, engineByNpu, ownership));
        });

        // the whole probe: spawn the fake npu-smi (sh + cat), read, parse; CPU and allocation of every JVM thread
        try (NpuSmiCommandProbe probe = new NpuSmiCommandProbe(new NpuSmiCommandProbe.Settings(FakeNpuSmi.path(),
            Duration.ofSeconds(10), Map.of("LC_ALL", "C")))) {
            measureAllThreads("npu-smi poll, process included (fake npu-smi)", 200, () -> {
                NpuProbeResult result = probe.probe().toCompletableFuture().get(10, TimeUnit.SECONDS);
                if (!(result instanceof NpuProbeResult.Available)) {
                    throw new IllegalStateException(result.toString());
                }
            });
        }

        // /metrics render: Micrometer (JVM binders + gateway meters) + 8 engines' families + 8 NPUs
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        for (String endpoint : List.of("chat", "completions")) {
            for (boolean stream : new boolean[] {true, false}) {
                metrics.recordRequest(new GatewayMetrics.RequestKey("m", endpoint, stream, "2xx", "ok", ""),
                    1_000_000_000L, 50_000_000L);
            }
        }
        metrics.recordInterTokenGaps("m", 20_000_000L, 0);
        metrics.recordTokens("m", "", 100, 20, 0);
        metrics.recordOverhead(100_000, 50_000);
        long staleAfter = Duration.ofSeconds(3600).toNanos();
        MetricsExposition exposition = new MetricsExposition(registry, () -> engines,
            new EngineMeters(metrics, staleAfter, pool -> 0, null), staleAfter, () -> npuFamilies.get(0));
        String rendered = exposition.render();
        System.out.printf("/metrics: %d bytes, %d lines%n", rendered.length(), rendered.lines().count());
        measure("/metrics render, 8 engines + 8 NPUs", 2000, exposition::render);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void measure(String name, int iterations, Work work) throws Exception {
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        long id = Thread.currentThread().getId();
        long bytes = THREADS.getThreadAllocatedBytes(id);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        report(name, iterations, System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu,
            THREADS.getThreadAllocatedBytes(id) - bytes);
    }

    /** For work spread over threads: CPU of the whole JVM process and allocation summed over its threads. */
    private static void measureAllThreads(String name, int iterations, Work work) throws Exception {
        for (int i = 0; i < iterations / 4; i++) {
            work.run();
        }
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long bytes = allocatedByAllThreads();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        report(name, iterations, System.nanoTime() - wall, os.getProcessCpuTime() - cpu,
            allocatedByAllThreads() - bytes);
    }

    private static long allocatedByAllThreads() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static void report(String name, int iterations, long wall, long cpu, long bytes) {
        System.out.printf("%-50s %9.1f us wall  %9.1f us cpu  %10d bytes allocated  per op%n", name,
            wall / 1e3 / iterations, cpu / 1e3 / iterations, bytes / iterations);
    }
}
