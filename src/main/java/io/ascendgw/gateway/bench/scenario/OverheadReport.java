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
        s.append(String.format(Locale.ROOT, "%-10s %10s %10s %20s%n", "target", "p50 ms", "p99 ms",
                "generator lag ms"));
        paced.forEach((target, results) -> s.append(String.format(Locale.ROOT, "%-10s %10.2f %10.2f %20.1f%n", target,
                med(paced, target, r -> r.e2e().medianMs()), med(paced, target, r -> r.e2e().p99Ms()),
                med(paced, target, BenchResult::maxSendLagMs))));
        boolean saturated = machineSaturated(paced);
        if (saturated) {
            s.append(String.format(Locale.ROOT, "  (!) The load generator fell more than %.0f ms behind its schedule"
                    + " even against the engine alone: this rate saturates the machine (generator, engine and proxy share"
                    + " its cores), so the latencies above measure overload, not what a proxy adds.%n",
                    SATURATED_LAG_MS));
        }
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
        s.append(line("gateway / direct, streaming chunks/s (zero delay)",
                med(streamed, "gateway", BenchResult::chunksPerSecond) / directChunks, ""));
        if (streamed.containsKey("nginx")) {
            s.append(line("nginx / direct, streaming chunks/s",
                    med(streamed, "nginx", BenchResult::chunksPerSecond) / directChunks, ""));
        }
        double directP99 = med(paced, "direct", r -> r.e2e().p99Ms());
        s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms %s%n", "gateway added p99 below saturation",
                med(paced, "gateway", r -> r.e2e().p99Ms()) - directP99,
                saturated ? "[< 1 ms; not below saturation on this machine, see above]" : "[< 1 ms]"));
        s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms%n", "gateway added p50 below saturation",
                med(paced, "gateway", r -> r.e2e().medianMs()) - med(paced, "direct", r -> r.e2e().medianMs())));
        if (paced.containsKey("nginx")) {
            s.append(String.format(Locale.ROOT, "  %-45s %8.2f ms%n", "nginx added p99 below saturation",
                    med(paced, "nginx", r -> r.e2e().p99Ms()) - directP99));
        }
        return s.toString();
    }

    /** Above this worst send lag against the engine alone, the open-loop rate is more than the machine sustains. */
    static final double SATURATED_LAG_MS = 20;

    /** Whether the generator could not keep its schedule even with no proxy in the way (median over rounds). */
    static boolean machineSaturated(Map<String, List<Measured>> phase) {
        return phase.containsKey("direct") && med(phase, "direct", BenchResult::maxSendLagMs) > SATURATED_LAG_MS;
    }

    /** Latency of non-streaming requests at a fixed rate per target, and what each proxy adds to p50 and p99. */
    static String renderLatency(Map<String, List<Measured>> phase, double rate, String what) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nNon-streaming at %.0f req/s (%s)%n", rate,
                what));
        s.append(String.format(Locale.ROOT, "%-10s %10s %10s %14s %14s%n", "target", "p50 ms", "p99 ms",
                "added p50 ms", "added p99 ms"));
        double directP50 = med(phase, "direct", r -> r.e2e().medianMs());
        double directP99 = med(phase, "direct", r -> r.e2e().p99Ms());
        phase.forEach((target, results) -> {
            double p50 = med(phase, target, r -> r.e2e().medianMs());
            double p99 = med(phase, target, r -> r.e2e().p99Ms());
            s.append(String.format(Locale.ROOT, "%-10s %10.2f %10.2f %14.2f %14.2f%n", target, p50, p99,
                    p50 - directP50, p99 - directP99));
        });
        if (machineSaturated(phase)) {
            s.append(String.format(Locale.ROOT, "  (!) The load generator fell more than %.0f ms behind its schedule"
                    + " against the engine alone: the machine was saturated at this rate.%n", SATURATED_LAG_MS));
        }
        return s.toString();
    }

    /** Streaming against an engine generating at a real pace (15 ms per step), direct vs through the gateway. */
    static String renderEngineBound(Map<String, List<Measured>> engineBound) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nStreaming at a real engine's pace"
                + " (15 ms per decode step, 128 concurrent streams of 128 tokens)%n"));
        s.append(String.format(Locale.ROOT, "%-10s %10s %12s %12s %12s%n", "target", "chunks/s", "TTFT p50 ms",
                "ITL p99 ms", "E2E p99 ms"));
        engineBound.forEach((target, results) -> s.append(String.format(Locale.ROOT,
                "%-10s %10.0f %12.2f %12.2f %12.2f%n", target, med(engineBound, target, BenchResult::chunksPerSecond),
                med(engineBound, target, r -> r.ttft().medianMs()), med(engineBound, target, r -> r.itl().p99Ms()),
                med(engineBound, target, r -> r.e2e().p99Ms()))));
        s.append(line("gateway / direct, streaming chunks/s at real pace",
                med(engineBound, "gateway", BenchResult::chunksPerSecond)
                        / med(engineBound, "direct", BenchResult::chunksPerSecond), "[>= 0.9]"));
        return s.toString();
    }

    static String json(Map<String, List<Measured>> plain, Map<String, List<Measured>> streamed,
            Map<String, List<Measured>> paced, double rate, Map<String, List<Measured>> engineBound,
            List<ProxyOverheadBenchmark.LightLoad> lighter) {
        StringBuilder s = new StringBuilder("{\"below_saturation_rate\":").append(rate);
        for (ProxyOverheadBenchmark.LightLoad light : lighter) {
            s.append(",\"").append(light.level().key()).append("_rate\":").append(light.rate());
            appendPhase(s, light.level().key(), light.results());
        }
        appendPhase(s, "non_streaming", plain);
        appendPhase(s, "streaming", streamed);
        appendPhase(s, "below_saturation", paced);
        appendPhase(s, "streaming_real_pace", engineBound);
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
