package io.ascendgw.gateway.bench.fairness;

import static io.ascendgw.gateway.bench.fairness.FairnessReport.banner;
import static io.ascendgw.gateway.bench.fairness.FairnessReport.ms;
import static io.ascendgw.gateway.bench.fairness.FairnessReport.number;
import static io.ascendgw.gateway.bench.fairness.FairnessReport.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tokens scenario's table (rounds in run order, then each policy's rounds together, then per-key against
 * per-key-requests) and its JSON.
 */
final class TokensReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FairnessScenario SCENARIO = FairnessScenario.TOKENS;
    /** A tenant's columns: completed, then output, weighted tokens and slots, each with the tenant's share. */
    private static final String TENANT = "%5s %10s %11s %9s";
    private static final String ROW = "%-16s %5s  " + TENANT + "  " + TENANT + "  %8s %8s %8s %8s %5s%n";
    /** Widths of the policy and round columns, of a tenant's column group and of the short tenant's latencies. */
    private static final int LEAD = 24;
    private static final int TENANT_WIDTH = 38;
    private static final int LATENCY_WIDTH = 35;

    private TokensReport() {
    }

    static String table(List<TokensRound> rounds) {
        StringBuilder out = new StringBuilder();
        out.append(" ".repeat(LEAD)).append(banner("long tenant", TENANT_WIDTH)).append("  ")
                .append(banner("short tenant", TENANT_WIDTH)).append("  ")
                .append(banner("short tenant, ms", LATENCY_WIDTH)).append('\n');
        List<String> tenantColumns = List.of("ok", ServiceMeasure.OUTPUT_TOKENS.column(),
                ServiceMeasure.WEIGHTED_TOKENS.column(), ServiceMeasure.SLOT_SECONDS.column());
        List<Object> header = new ArrayList<>(List.of("policy", "round"));
        header.addAll(tenantColumns);
        header.addAll(tenantColumns);
        header.addAll(List.of("TTFT p50", "TTFT p99", "E2E p50", "E2E p99", "fail"));
        out.append(String.format(Locale.ROOT, ROW, header.toArray()));
        for (TokensRound r : rounds) {
            out.append(row(r.policy(), Integer.toString(r.round()), r.numbers()));
        }
        for (TokensSummary s : summaries(rounds)) {
            out.append(row(s.policy(), "all", s.numbers()));
        }
        TokensRatios ratios = ratios(rounds);
        out.append(String.format(Locale.ROOT, "%s / %s: the short tenant's share of output tokens %s, of weighted"
                + " tokens %s, of slots %s; total out tok/s %s%n", SCENARIO.contender(), SCENARIO.baseline(),
                ratio(ratios.shortOutputShare()), ratio(ratios.shortWeightedShare()), ratio(ratios.shortSlotShare()),
                ratio(ratios.totalOutputPerSecond())));
        out.append("Per second of the round (the floods' start to the drain's end), with the tenant's share of both"
                + " tenants' total: out tok/s,\nwtd tok/s (input + 2 x output tokens, as per-key weighs requests) and"
                + " slots (engine slots held on average: E2E less\nthe wait in the gateway's queue). ok: completed"
                + " requests; fail: both tenants' failed ones; times in ms, the short tenant's.\n'all': counts and"
                + " totals summed over the rounds, percentiles the mean of the rounds' percentiles.\nShare ratios above"
                + " 1: the short tenant got more under per-key; total out tok/s near 1: the pool lost nothing.\n");
        return out.toString();
    }

    static String json(List<TokensRound> rounds, ObjectNode settings) {
        ObjectNode root = JSON.createObjectNode().put("scenario", SCENARIO.flagValue());
        root.set("settings", settings);
        ArrayNode runs = root.putArray("rounds");
        for (TokensRound r : rounds) {
            tenants(runs.addObject().put("policy", r.policy()).put("round", r.round()), r.numbers());
        }
        ArrayNode policies = root.putArray("policies");
        for (TokensSummary s : summaries(rounds)) {
            tenants(policies.addObject().put("policy", s.policy()).put("rounds", s.rounds()), s.numbers());
        }
        TokensRatios ratios = ratios(rounds);
        ObjectNode vs = root.putObject("per_key_vs_per_key_requests");
        number(vs, "short_output_share", ratios.shortOutputShare());
        number(vs, "short_weighted_share", ratios.shortWeightedShare());
        number(vs, "short_slot_share", ratios.shortSlotShare());
        number(vs, "total_output_throughput", ratios.totalOutputPerSecond());
        return root.toPrettyString() + "\n";
    }

    /** One summary per policy that ran, the baseline first. */
    static List<TokensSummary> summaries(List<TokensRound> rounds) {
        return SCENARIO.policies().stream().filter(p -> rounds.stream().anyMatch(r -> r.policy().equals(p)))
                .map(p -> TokensSummary.of(p, rounds)).toList();
    }

    static TokensRatios ratios(List<TokensRound> rounds) {
        return TokensRatios.of(TokensSummary.of(SCENARIO.contender(), rounds).numbers(),
                TokensSummary.of(SCENARIO.baseline(), rounds).numbers());
    }

    private static String row(String policy, String round, TokensNumbers n) {
        List<Object> cells = new ArrayList<>(List.of(policy, round));
        cells.addAll(tenantCells(n, n.longTenant()));
        cells.addAll(tenantCells(n, n.shortTenant()));
        LatencyNumbers latency = n.shortLatency();
        cells.addAll(List.of(ms(latency.ttftP50Ms()), ms(latency.ttftP99Ms()), ms(latency.e2eP50Ms()),
                ms(latency.e2eP99Ms()), n.longTenant().failed() + n.shortTenant().failed()));
        return String.format(Locale.ROOT, ROW, cells.toArray());
    }

    private static List<Object> tenantCells(TokensNumbers n, TenantService tenant) {
        return List.of(tenant.completed(),
                String.format(Locale.ROOT, "%5.0f %4s", n.rate(tenant, ServiceMeasure.OUTPUT_TOKENS),
                        percent(n.share(tenant, ServiceMeasure.OUTPUT_TOKENS))),
                String.format(Locale.ROOT, "%6.0f %4s", n.rate(tenant, ServiceMeasure.WEIGHTED_TOKENS),
                        percent(n.share(tenant, ServiceMeasure.WEIGHTED_TOKENS))),
                String.format(Locale.ROOT, "%4.1f %4s", n.rate(tenant, ServiceMeasure.SLOT_SECONDS),
                        percent(n.share(tenant, ServiceMeasure.SLOT_SECONDS))));
    }

    private static void tenants(ObjectNode node, TokensNumbers n) {
        node.put("duration_s", n.seconds());
        tenant(node.putObject(Tenant.LONG.keyName()), n, n.longTenant());
        ObjectNode shortNode = tenant(node.putObject(Tenant.SHORT.keyName()), n, n.shortTenant());
        FairnessReport.latency(shortNode.putObject("latency"), n.shortLatency());
    }

    private static ObjectNode tenant(ObjectNode node, TokensNumbers n, TenantService t) {
        node.put("completed", t.completed()).put("failed", t.failed()).put("input_tokens", t.inputTokens())
                .put("output_tokens", t.outputTokens()).put("weighted_tokens", t.weightedTokens())
                .put("request_seconds", t.requestSeconds()).put("queued_seconds", t.queuedSeconds())
                .put("slot_seconds", t.slotSeconds());
        for (ServiceMeasure measure : ServiceMeasure.values()) {
            number(node, measure.jsonRate(), n.rate(t, measure));
            number(node, measure.jsonShare(), n.share(t, measure));
        }
        // E2E per second of the round: requests in flight, waiting or not; the slots are what the engines gave.
        number(node, "mean_in_flight", n.seconds() > 0 ? t.requestSeconds() / n.seconds() : Double.NaN);
        return node;
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.0f%%", 100 * share) : "-";
    }
}
