package io.ascendgw.gateway.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;

import io.ascendgw.gateway.metrics.npu.NpuSmiInfoParser;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.prom.PrometheusTextWriter;
import io.ascendgw.gateway.metrics.vllm.VllmFamilies;
import io.ascendgw.gateway.metrics.vllm.VllmLoadExtractor;

/**
 * A JMH-free measurement of CPU time and allocation per parse (not a test; numbers vary with the machine). Run after
 * {@code ./mvnw -o test-compile} with
 * {@code java -cp target/classes:target/test-classes io.ascendgw.gateway.metrics.MetricsParsingBenchmark}.
 */
public final class MetricsParsingBenchmark {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    private MetricsParsingBenchmark() {
    }

    public static void main(String[] args) {
        String v1 = TestFixtures.read("fixtures/vllm/metrics-v1.txt");
        String npuTable = TestFixtures.read("fixtures/npu-smi/info-910b-8.txt");
        PrometheusTextParser prometheus = new PrometheusTextParser();
        VllmLoadExtractor extractor = new VllmLoadExtractor();
        VllmFamilies families = new VllmFamilies();
        PrometheusTextWriter writer = new PrometheusTextWriter();
        NpuSmiInfoParser npu = new NpuSmiInfoParser();
        ParsedMetrics parsed = prometheus.parse(v1);
        List<PrometheusTextWriter.Source> eightEngines = java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> new PrometheusTextWriter.Source(Labels.of("engine", "e-" + i, "npu", "" + i),
                families.select(parsed)))
            .toList();

        System.out.printf("metrics-v1.txt: %d chars, %d samples; info-910b-8.txt: %d chars%n",
            v1.length(), parsed.sampleCount(), npuTable.length());
        measure("prometheus parse metrics-v1.txt", () -> prometheus.parse(v1));
        measure("prometheus parse + vLLM load extract", () -> extractor.extract(prometheus.parse(v1), 0L));
        measure("vLLM load extract only", () -> extractor.extract(parsed, 0L));
        measure("re-export render, 8 engines", () -> writer.write(eightEngines));
        measure("npu-smi info 8-NPU table parse", () -> npu.parse(npuTable));
    }

    private static void measure(String name, Supplier<Object> work) {
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        Object sink = null;
        for (int i = 0; i < WARM_UP; i++) {
            sink = work.get();
        }
        long bytesBefore = threads.getThreadAllocatedBytes(threadId);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            sink = work.get();
        }
        long wall = System.nanoTime() - wallBefore;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long bytes = threads.getThreadAllocatedBytes(threadId) - bytesBefore;
        System.out.printf("%-40s %8.1f us wall  %8.1f us cpu  %9d bytes allocated  per op%s%n", name,
            wall / 1e3 / MEASURED, cpu / 1e3 / MEASURED, bytes / MEASURED, sink == null ? "?" : "");
    }
}
