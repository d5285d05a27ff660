package io.ascendgw.gateway.bench.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fairness table (rounds in run order, then each policy's rounds together, then per-key/fifo) and its JSON. */
final class FairnessReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-8s %5s  %5s %5s %5s %9s %9s %9s %9s %9s  %7s %10s%n";
    /** Widths of the policy and round columns, and of the two tenants' column groups. */
    private static final int LEAD = 16;
    private static final int INTERACTIVE = 67;
    private static final int BATCH = 18;

    private FairnessReport() {
    }

    static String table(List<RoundResult> rounds) {
        StringBuilder out = new StringBuilder();
        out.append(" ".repeat(LEAD)).append(banner("interactive tenant", INTERACTIVE)).append("  ")
                .append(banner("batch tenant", BATCH)).append('\n');
        out.append(String.format(Locale.ROOT, ROW, "policy", "round", "ok", "fail", "429", "TTFT p50", "TTFT p90",
                "TTFT p99", "E2E p50", "E2E p99", "ok", "out tok/s"));
        for (RoundResult r : rounds) {
            out.append(row(r.policy(), Integer.toString(r.round()), r.interactive(), r.batch()));
        }
        for (PolicySummary s : summaries(rounds)) {
            out.append(row(s.policy(), "all", s.interactive(), s.batch()));
        }
        Ratios ratios = ratios(rounds);
        out.append(String.format(Locale.ROOT, "%s / %s: interactive TTFT p50 %s, TTFT p99 %s; batch out tok/s %s%n",
                FairnessPlan.PER_KEY, FairnessPlan.FIFO, ratio(ratios.interactiveTtftP50()),
                ratio(ratios.interactiveTtftP99()), ratio(ratios.batchOutputTokensPerSecond())));
        out.append("Times in ms. fail counts every failed request, 429 those of them the gateway refused (queue full"
                + " or timed out).\n'all': counts summed, percentiles the mean of the rounds' percentiles, out tok/s"
                + " over every round's window.\nRatios below 1 for TTFT mean the interactive tenant waited less; near"
                + " 1 for tok/s, that the batch tenant lost nothing.\n");
        return out.toString();
    }

    static String json(List<RoundResult> rounds, ObjectNode settings) {
        ObjectNode root = JSON.createObjectNode().put("scenario", FairnessScenario.INTERACTIVE.flagValue());
        root.set("settings", settings);
        ArrayNode runs = root.putArray("rounds");
        for (RoundResult r : rounds) {
            tenants(runs.addObject().put("policy", r.policy()).put("round", r.round()), r.interactive(), r.batch());
        }
        ArrayNode policies = root.putArray("policies");
        for (PolicySummary s : summaries(rounds)) {
            ObjectNode node = policies.addObject().put("policy", s.policy()).put("rounds", s.rounds());
            tenants(node, s.interactive(), s.batch());
        }
        Ratios ratios = ratios(rounds);
        ObjectNode vs = root.putObject("per_key_vs_fifo");
        number(vs, "interactive_p50_ttft", ratios.interactiveTtftP50());
        number(vs, "interactive_p99_ttft", ratios.interactiveTtftP99());
        number(vs, "batch_output_throughput", ratios.batchOutputTokensPerSecond());
        return root.toPrettyString() + "\n";
    }

    /** One summary per policy that ran, fifo first. */
    static List<PolicySummary> summaries(List<RoundResult> rounds) {
        List<PolicySummary> summaries = new ArrayList<>();
        for (String policy : List.of(FairnessPlan.FIFO, FairnessPlan.PER_KEY)) {
            if (rounds.stream().anyMatch(r -> r.policy().equals(policy))) {
                summaries.add(PolicySummary.of(policy, rounds));
            }
        }
        return summaries;
    }

    static Ratios ratios(List<RoundResult> rounds) {
        return Ratios.of(PolicySummary.of(FairnessPlan.PER_KEY, rounds), PolicySummary.of(FairnessPlan.FIFO, rounds));
    }

    private static String row(String policy, String round, LatencyNumbers i, BatchNumbers b) {
        return String.format(Locale.ROOT, ROW, policy, round, i.completed(), i.failed(), i.refused(),
                ms(i.ttftP50Ms()), ms(i.ttftP90Ms()), ms(i.ttftP99Ms()), ms(i.e2eP50Ms()), ms(i.e2eP99Ms()),
                b.completed(), String.format(Locale.ROOT, "%.0f", b.outputTokensPerSecond()));
    }

    private static void tenants(ObjectNode node, LatencyNumbers i, BatchNumbers b) {
        latency(node.putObject("interactive"), i);
        ObjectNode batch = node.putObject("batch").put("completed", b.completed()).put("failed", b.failed())
                .put("output_tokens", b.outputTokens());
        number(batch, "duration_s", b.seconds());
        number(batch, "output_throughput", b.outputTokensPerSecond());
    }

    /** A waiting tenant's counts and percentiles, under the names of vLLM's benchmark where it has them. */
    static void latency(ObjectNode node, LatencyNumbers i) {
        node.put("completed", i.completed()).put("failed", i.failed()).put("failed_429", i.refused());
        number(node, "p50_ttft_ms", i.ttftP50Ms());
        number(node, "p90_ttft_ms", i.ttftP90Ms());
        number(node, "p99_ttft_ms", i.ttftP99Ms());
        number(node, "p50_e2el_ms", i.e2eP50Ms());
        number(node, "p99_e2el_ms", i.e2eP99Ms());
    }

    /** {@code title} centred in dashes over a group of columns {@code width} wide. */
    static String banner(String title, int width) {
        int dashes = Math.max(2, width - title.length() - 2);
        return "-".repeat(dashes / 2) + " " + title + " " + "-".repeat(dashes - dashes / 2);
    }

    static String ms(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f", value) : "-";
    }

    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }

    /** Puts {@code value}, or null when it is not a number (nothing was measured). */
    static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
