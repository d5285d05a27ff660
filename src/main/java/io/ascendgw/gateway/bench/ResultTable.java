package io.ascendgw.gateway.bench;

import java.util.Locale;
import java.util.Map;

/** The human-readable result, laid out like vLLM's {@code benchmark_serving.py} so the two read side by side. */
public final class ResultTable {

    private static final int WIDTH = 50;

    private ResultTable() {
    }

    /** The whole table, lines ending with {@code \n}. */
    public static String format(BenchResult r) {
        StringBuilder out = new StringBuilder(2048);
        out.append(center(" Serving Benchmark Result ", '=')).append('\n');
        if (!r.spec().label().isEmpty()) {
            row(out, "Label:", r.spec().label());
        }
        row(out, "Load:", r.spec().loadMode().describe() + (r.spec().stream() ? ", stream" : ", no-stream"));
        row(out, "Successful requests:", Long.toString(r.completed()));
        row(out, "Failed requests:", Long.toString(r.failed()));
        for (Map.Entry<String, Long> e : r.errors().entrySet()) {
            row(out, "  " + e.getKey() + ":", Long.toString(e.getValue()));
        }
        row(out, "Benchmark duration (s):", fixed(r.durationSeconds()));
        row(out, "Total input tokens:", Long.toString(r.inputTokens()));
        row(out, "Total generated tokens:", Long.toString(r.outputTokens()));
        row(out, "Request throughput (req/s):", fixed(r.requestThroughput()));
        if (r.spec().goodput().isPresent()) {
            row(out, "Request goodput (req/s):", fixed(r.requestGoodput()));
        }
        row(out, "Input token throughput (tok/s):", fixed(r.inputTokenThroughput()));
        row(out, "Output token throughput (tok/s):", fixed(r.outputTokenThroughput()));
        row(out, "Total Token throughput (tok/s):", fixed(r.totalTokenThroughput()));
        if (r.spec().stream()) {
            row(out, "Streamed chunks:", Long.toString(r.contentChunks()));
            row(out, "Streamed chunks/s:", fixed(r.chunksPerSecond()));
            latency(out, "Time to First Token", "TTFT", r.ttft());
            latency(out, "Time per Output Token (excl. 1st token)", "TPOT", r.tpot());
            latency(out, "Inter-token Latency", "ITL", r.itl());
        }
        latency(out, "End-to-end Latency", "E2EL", r.e2e());
        if (r.spec().loadMode() instanceof LoadMode.RequestRate rate && !rate.isInfinite()) {
            out.append(center("Load Generator", '-')).append('\n');
            row(out, "Mean send lag (ms):", fixed(r.meanSendLagMs()));
            row(out, "Max send lag (ms):", fixed(r.maxSendLagMs()));
        }
        if (r.requestsWithoutUsage() > 0) {
            row(out, "Requests without usage:", Long.toString(r.requestsWithoutUsage()));
        }
        out.append("=".repeat(WIDTH)).append('\n');
        return out.toString();
    }

    private static void latency(StringBuilder out, String title, String name, LatencySummary s) {
        out.append(center(title, '-')).append('\n');
        row(out, "Mean " + name + " (ms):", fixed(s.meanMs()));
        row(out, "Median " + name + " (ms):", fixed(s.medianMs()));
        for (Map.Entry<Double, Double> e : s.percentilesMs().entrySet()) {
            if (e.getKey() != 50.0) {
                row(out, "P" + BenchResultJson.percentileLabel(e.getKey()) + " " + name + " (ms):",
                        fixed(e.getValue()));
            }
        }
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-40s %-10s", label, value)).append('\n');
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Python's {@code '{:c^50}'}: the odd padding character goes to the right. */
    static String center(String text, char fill) {
        int padding = Math.max(0, WIDTH - text.length());
        int left = padding / 2;
        return String.valueOf(fill).repeat(left) + text + String.valueOf(fill).repeat(padding - left);
    }
}
