package io.ascendgw.gateway.bench.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The comparison table (each policy against round-robin at the same workload and rate) and its JSON. */
final class ComparisonReport {

    private static final String BASELINE = "round-robin";

    private ComparisonReport() {
    }

    static String table(List<BenchRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %6s %-14s %6s %5s %10s %10s %10s %9s %6s %9s %9s%n",
                "workload", "req/s", "policy", "ok", "fail", "TTFT mean", "TTFT p90", "E2E p90", "out tok/s",
                "hit%", "TTFT/rr", "tok/s/rr"));
        for (BenchRow r : rows) {
            Optional<BenchRow> rr = baseline(rows, r);
            out.append(String.format(Locale.ROOT, "%-14s %6.1f %-14s %6d %5d %10.0f %10.0f %10.0f %9.0f %6.1f %9s %9s%n",
                    r.workload(), r.rate(), r.policy(), r.completed(), r.failed(), r.meanTtftMs(), r.p90TtftMs(),
                    r.p90E2eMs(), r.outputTokensPerSecond(), 100 * r.cacheHitRate(),
                    rr.map(b -> ratio(r.meanTtftMs(), b.meanTtftMs())).orElse("-"),
                    rr.map(b -> ratio(r.outputTokensPerSecond(), b.outputTokensPerSecond())).orElse("-")));
        }
        out.append("Times in ms. TTFT/rr and tok/s/rr: mean TTFT and output tokens/s relative to round-robin at the "
                + "same workload and rate (TTFT below 1 and tok/s above 1 are better).\n");
        return out.toString();
    }

    static String json(List<BenchRow> rows, String settings) {
        StringBuilder out = new StringBuilder("{\"settings\":").append(settings).append(",\"runs\":[");
        for (int i = 0; i < rows.size(); i++) {
            BenchRow r = rows.get(i);
            Optional<BenchRow> rr = baseline(rows, r);
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"workload\":\"%s\",\"request_rate\":%s,\"policy\":\"%s\",\"completed\":%d,\"failed\":%d,"
                            + "\"mean_ttft_ms\":%s,\"p90_ttft_ms\":%s,\"p90_e2el_ms\":%s,\"output_throughput\":%s,"
                            + "\"prefix_cache_hit_rate\":%s,\"mean_ttft_vs_round_robin\":%s,"
                            + "\"output_throughput_vs_round_robin\":%s}",
                    r.workload(), num(r.rate()), r.policy(), r.completed(), r.failed(), num(r.meanTtftMs()),
                    num(r.p90TtftMs()), num(r.p90E2eMs()), num(r.outputTokensPerSecond()), num(r.cacheHitRate()),
                    rr.map(b -> num(r.meanTtftMs() / b.meanTtftMs())).orElse("null"),
                    rr.map(b -> num(r.outputTokensPerSecond() / b.outputTokensPerSecond())).orElse("null")));
        }
        return out.append("]}\n").toString();
    }

    private static Optional<BenchRow> baseline(List<BenchRow> rows, BenchRow r) {
        return rows.stream().filter(b -> b.policy().equals(BASELINE) && b.workload().equals(r.workload())
                && b.rate() == r.rate()).findFirst();
    }

    private static String ratio(double value, double base) {
        return base > 0 && Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value / base) : "-";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
    }
}
