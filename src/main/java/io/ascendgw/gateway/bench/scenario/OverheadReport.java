package io.ascendgw.gateway.bench.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.scenario.ProxyOverheadBenchmark.Measured;

/** Renders the proxy-overhead comparison: medians over rounds per target, and the ratios the targets are set on. */
final class OverheadReport {

    private OverheadReport() {
    }

    static double median(List<Measured> results, ToDoubleFunction<Measured> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double med(Map<String, List<Measured>> phase, String target,
            ToDoubleFunction<BenchResult> metric) {
        return median(phase.get(target), m -> metric.applyAsDouble(m.result()));
    }

    static String render(Map<String, List<Measured>> plain, Map<String, List<Measured>> streamed,
            Map<String, List<Measured>> paced, double rate, ProxyOverheadBenchmark.Settings settings) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "=========== Proxy overhead (medians of %d interleaved rounds of %d s,"
                + " after %d s warm-up per target) ===========%n", settings.rounds(), settings.seconds(),
                settings.warmupSeconds()));
        s.append(String.format(Locale.ROOT, "Non-streaming, concurrency %d, 16 output tokens%n", settings.concurrency()));
        s.append(String.format(Locale.ROOT, "%-10s %10s %9s %9s %16s %16s%n", "target", "req/s", "p50 ms", "p99 ms",
                "proxy CPU us/req", "engine CPU us/req"));
        plain.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %10.0f %9.2f %9.2f %16.1f %16.1f%n",
                target, med(plain, target, BenchResult::requestThroughput), med(plain, target, r -> r.e2e().medianMs()),
                med(plain, target, r -> r.e2e().p99Ms()), median(results, Measured::proxyCpuMicros),
                median(results, Measured::engineCpuMicros))));
        s.append(String.format(Locale.ROOT, "%nStreaming, concurrency %d, %d output tokens%n", settings.concurrency(),
                settings.streamOutputTokens()));
        s.append(String.format(Locale.ROOT, "%-10s %10s %12s %12s %16s%n", "target", "chunks/s", "TTFT p50 ms",
                "TTFT p99 ms", "proxy CPU us/req"));
        streamed.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %10.0f %12.2f %12.2f %16.1f%n",
                target, med(streamed, target, BenchResult::chunksPerSecond),
                med(streamed, target, r -> r.ttft().medianMs()), med(streamed, target, r -> r.ttft().p99Ms()),
                median(results, Measured::proxyCpuMicros))));
        s.append(String.format(Locale.ROOT, "%nBelow saturation: non-streaming at %.0f req/s (half the slowest"
                + " target's maximum)%n", rate));
        s.append(String.format(Locale.ROOT, "%-10s %10s %10s%n", "target", "p50 ms", "p99 ms"));
        paced.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %10.2f %10.2f%n", target,
                med(paced, target, r -> r.e2e().medianMs()), med(paced, target, r -> r.e2e().p99Ms()))));
        s.append("\nRatios (target in brackets)\n");
        double directRps = med(plain, "direct", BenchResult::requestThroughput);
        double gatewayRps = med(plain, "gateway", BenchResult::requestThroughput);
        s.append(line("gateway / direct, non-streaming req/s", gatewayRps / directRps, ""));
        if (plain.containsKey("nginx")) {
            double nginxRps = med(plain, "nginx", BenchResult::requestThroughput);
            s.append(line("nginx / direct, non-streaming req/s", nginxRps / directRps, ""));
            s.append(line("gateway / nginx, non-streaming req/s", gatewayRps / nginxRps, "[>= 0.8]"));
        }
        double directChunks = med(streamed, "direct", BenchResult::chunksPerSecond);
        s.append(line("gateway / direct, streaming chunks/s",
                med(streamed, "gateway", BenchResult::chunksPerSecond) / directChunks, "[>= 0.9]"));
        if (streamed.containsKey("nginx")) {
            s.append(line("nginx / direct, streaming chunks/s",
                    med(streamed, "nginx", BenchResult::chunksPerSecond) / directChunks, ""));
        }
        double directP99 = med(paced, "direct", r -> r.e2e().p99Ms());
        s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms %s%n", "gateway added p99 below saturation",
                med(paced, "gateway", r -> r.e2e().p99Ms()) - directP99, "[< 1 ms]"));
        s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms%n", "gateway added p50 below saturation",
                med(paced, "gateway", r -> r.e2e().medianMs()) - med(paced, "direct", r -> r.e2e().medianMs())));
        if (paced.containsKey("nginx")) {
            s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms%n", "nginx added p99 below saturation",
                    med(paced, "nginx", r -> r.e2e().p99Ms()) - directP99));
        }
        return s.toString();
    }

    static String json(Map<String, List<Measured>> plain, Map<String, List<Measured>> streamed,
            Map<String, List<Measured>> paced, double rate) {
        StringBuilder s = new StringBuilder("{\"below_saturation_rate\":").append(rate);
        appendPhase(s, "non_streaming", plain);
        appendPhase(s, "streaming", streamed);
        appendPhase(s, "below_saturation", paced);
        return s.append("}\n").toString();
    }

    private static void appendPhase(StringBuilder s, String name, Map<String, List<Measured>> results) {
        s.append(",\"").append(name).append("\":{");
        String separator = "";
        for (var entry : results.entrySet()) {
            s.append(separator).append('"').append(entry.getKey()).append("\":[");
            s.append(String.join(",", entry.getValue().stream().map(m -> "{\"proxy_cpu_us_per_request\":"
                    + num(m.proxyCpuMicros()) + ",\"engine_cpu_us_per_request\":" + num(m.engineCpuMicros())
                    + ",\"result\":" + m.result().toJson() + "}").toList()));
            s.append(']');
            separator = ",";
        }
        s.append('}');
    }

    private static String num(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String line(String what, double ratio, String target) {
        return String.format(Locale.ROOT, "  %-45s %8.3f    %s%n", what, ratio, target);
    }
}
