package io.ascendgw.gateway.bench.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.ascendgw.gateway.bench.BenchResult;

/** Renders the proxy-overhead comparison: medians over rounds per target, and the ratios the targets are set on. */
final class OverheadReport {

    private OverheadReport() {
    }

    static String render(Map<String, List<BenchResult>> plain, Map<String, List<BenchResult>> streamed,
            Map<String, List<BenchResult>> paced, double rate, ProxyOverheadBenchmark.Settings settings) {
        StringBuilder s = new StringBuilder();
        s.append("=========== Proxy overhead (medians of ").append(settings.rounds()).append(" interleaved rounds of ")
                .append(settings.seconds()).append(" s) ===========\n");
        s.append(String.format(Locale.ROOT, "Non-streaming, concurrency %d, 16 output tokens%n", settings.concurrency()));
        s.append(String.format(Locale.ROOT, "%-10s %12s %10s %10s%n", "target", "req/s", "p50 ms", "p99 ms"));
        plain.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %12.0f %10.2f %10.2f%n", target,
                med(results, BenchResult::requestThroughput), med(results, r -> r.e2e().medianMs()),
                med(results, r -> r.e2e().p99Ms()))));
        s.append(String.format(Locale.ROOT, "%nStreaming, concurrency %d, %d output tokens%n", settings.concurrency(),
                settings.streamOutputTokens()));
        s.append(String.format(Locale.ROOT, "%-10s %12s %12s %12s%n", "target", "chunks/s", "TTFT p50 ms",
                "TTFT p99 ms"));
        streamed.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %12.0f %12.2f %12.2f%n",
                target, med(results, BenchResult::chunksPerSecond), med(results, r -> r.ttft().medianMs()),
                med(results, r -> r.ttft().p99Ms()))));
        s.append(String.format(Locale.ROOT, "%nBelow saturation: non-streaming at %.0f req/s (half the engine's own"
                + " maximum)%n", rate));
        s.append(String.format(Locale.ROOT, "%-10s %10s %10s%n", "target", "p50 ms", "p99 ms"));
        paced.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %10.2f %10.2f%n", target,
                med(results, r -> r.e2e().medianMs()), med(results, r -> r.e2e().p99Ms()))));
        s.append("\nRatios (target in brackets)\n");
        double directRps = med(plain.get("direct"), BenchResult::requestThroughput);
        double gatewayRps = med(plain.get("gateway"), BenchResult::requestThroughput);
        s.append(line("gateway / direct, non-streaming req/s", gatewayRps / directRps, ""));
        if (plain.containsKey("nginx")) {
            double nginxRps = med(plain.get("nginx"), BenchResult::requestThroughput);
            s.append(line("nginx / direct, non-streaming req/s", nginxRps / directRps, ""));
            s.append(line("gateway / nginx, non-streaming req/s", gatewayRps / nginxRps, "[>= 0.8]"));
        }
        double directChunks = med(streamed.get("direct"), BenchResult::chunksPerSecond);
        s.append(line("gateway / direct, streaming chunks/s",
                med(streamed.get("gateway"), BenchResult::chunksPerSecond) / directChunks, "[>= 0.9]"));
        if (streamed.containsKey("nginx")) {
            s.append(line("nginx / direct, streaming chunks/s",
                    med(streamed.get("nginx"), BenchResult::chunksPerSecond) / directChunks, ""));
        }
        double directP99 = med(paced.get("direct"), r -> r.e2e().p99Ms());
        s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms %s%n", "gateway added p99 below saturation",
                med(paced.get("gateway"), r -> r.e2e().p99Ms()) - directP99, "[< 1 ms]"));
        if (paced.containsKey("nginx")) {
            s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms%n", "nginx added p99 below saturation",
                    med(paced.get("nginx"), r -> r.e2e().p99Ms()) - directP99));
        }
        return s.toString();
    }

    static String json(Map<String, List<BenchResult>> plain, Map<String, List<BenchResult>> streamed,
            Map<String, List<BenchResult>> paced, double rate) {
        StringBuilder s = new StringBuilder("{\"below_saturation_rate\":").append(rate);
        appendPhase(s, "non_streaming", plain);
        appendPhase(s, "streaming", streamed);
        appendPhase(s, "below_saturation", paced);
        return s.append("}\n").toString();
    }

    private static void appendPhase(StringBuilder s, String name, Map<String, List<BenchResult>> results) {
        s.append(",\"").append(name).append("\":{");
        String separator = "";
        for (var entry : results.entrySet()) {
            s.append(separator).append('"').append(entry.getKey()).append("\":[");
            s.append(String.join(",", entry.getValue().stream().map(BenchResult::toJson).toList()));
            s.append(']');
            separator = ",";
        }
        s.append('}');
    }

    private static String line(String what, double ratio, String target) {
        return String.format(Locale.ROOT, "  %-45s %8.3f    %s%n", what, ratio, target);
    }

    private static double med(List<BenchResult> results, ToDoubleFunction<BenchResult> metric) {
        return ProxyOverheadBenchmark.median(results, metric);
    }
}
