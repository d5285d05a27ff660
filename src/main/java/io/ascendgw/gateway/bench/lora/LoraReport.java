package io.ascendgw.gateway.bench.lora;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The LoRA comparison table (each configuration against lora-blind at the same rate) and its JSON. */
final class LoraReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoraReport() {
    }

    static String table(List<LoraRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%6s %-13s %5s %4s %6s %7s %8s %8s %8s %8s %8s %7s %5s | %6s %6s %6s %6s%n", "rate", "config", "ok",
                "fail", "req/s", "tok/s", "TTFTp50", "TTFTp99", "E2Ep50", "E2Ep99", "queue", "waited", "preem",
                "TTFT50", "TTFT99", "E2E99", "tok/s"));
        for (LoraRow r : rows) {
            Optional<LoraRow> blind = baseline(rows, r);
            out.append(String.format(Locale.ROOT,
                    "%6.1f %-13s %5d %4d %6.2f %7.0f %8.0f %8.0f %8.0f %8.0f %8.0f %6.1f%% %5.0f | %6s %6s %6s %6s%n",
                    r.rate(), r.config(), r.completed(), r.failed(), r.requestsPerSecond(), r.outputTokensPerSecond(),
                    r.ttftP50Ms(), r.ttftP99Ms(), r.e2eP50Ms(), r.e2eP99Ms(), r.engines().meanQueueMs(),
                    100 * r.engines().waitedShare(), r.engines().preemptions(),
                    ratio(blind, r.ttftP50Ms(), LoraRow::ttftP50Ms), ratio(blind, r.ttftP99Ms(), LoraRow::ttftP99Ms),
                    ratio(blind, r.e2eP99Ms(), LoraRow::e2eP99Ms),
                    ratio(blind, r.outputTokensPerSecond(), LoraRow::outputTokensPerSecond)));
        }
        out.append("rate = offered req/s; times in ms; queue = mean time in the engines' queues; waited = requests "
                + "queued over " + EngineCounters.WAIT_THRESHOLD_SECONDS + " s; preem = preemptions.\n"
                + "Right of '|': the same quantity relative to " + Contender.LORA_BLIND
                + " at the same rate (below 1 is better, tok/s: above 1).\n");
        return out.toString();
    }

    static String json(List<LoraRow> rows, ObjectNode settings) {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", settings);
        ArrayNode runs = root.putArray("runs");
        for (LoraRow r : rows) {
            Optional<LoraRow> blind = baseline(rows, r);
            ObjectNode run = runs.addObject().put("config", r.config());
            number(run, "request_rate", r.rate());
            run.put("completed", r.completed()).put("failed", r.failed());
            number(run, "request_throughput", r.requestsPerSecond());
            number(run, "output_throughput", r.outputTokensPerSecond());
            number(run, "p50_ttft_ms", r.ttftP50Ms());
            number(run, "p99_ttft_ms", r.ttftP99Ms());
            number(run, "p50_e2el_ms", r.e2eP50Ms());
            number(run, "p99_e2el_ms", r.e2eP99Ms());
            number(run, "mean_queue_time_ms", r.engines().meanQueueMs());
            number(run, "waited_share", r.engines().waitedShare());
            number(run, "preemptions", r.engines().preemptions());
            number(run, "p50_ttft_vs_lora_blind", quotient(blind, r.ttftP50Ms(), LoraRow::ttftP50Ms));
            number(run, "p99_ttft_vs_lora_blind", quotient(blind, r.ttftP99Ms(), LoraRow::ttftP99Ms));
            number(run, "p99_e2el_vs_lora_blind", quotient(blind, r.e2eP99Ms(), LoraRow::e2eP99Ms));
            number(run, "output_throughput_vs_lora_blind",
                    quotient(blind, r.outputTokensPerSecond(), LoraRow::outputTokensPerSecond));
        }
        return root.toPrettyString() + "\n";
    }

    /** The lora-blind run at the same rate, unless {@code r} is that run itself. */
    private static Optional<LoraRow> baseline(List<LoraRow> rows, LoraRow r) {
        return rows.stream().filter(b -> b.config().equals(Contender.LORA_BLIND) && b.rate() == r.rate() && b != r)
                .findFirst();
    }

    private static double quotient(Optional<LoraRow> base, double value, ToDoubleFunction<LoraRow> field) {
        return base.map(b -> field.applyAsDouble(b) > 0 ? value / field.applyAsDouble(b) : Double.NaN)
                .orElse(Double.NaN);
    }

    private static String ratio(Optional<LoraRow> base, double value, ToDoubleFunction<LoraRow> field) {
        double q = quotient(base, value, field);
        return Double.isFinite(q) ? String.format(Locale.ROOT, "%.2f", q) : "-";
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
