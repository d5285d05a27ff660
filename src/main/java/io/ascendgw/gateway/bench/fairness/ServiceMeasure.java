package io.ascendgw.gateway.bench.fairness;

import java.util.function.ToDoubleFunction;

/** What the tokens scenario shares out between its two tenants; each a total over a window, shown per second. */
enum ServiceMeasure {

    /** Generated tokens. */
    OUTPUT_TOKENS("out tok/s", "output_throughput", "output_share", s -> s.outputTokens()),
    /** Input plus twice the output tokens: the engines' work as the per-key queue weighs it. */
    WEIGHTED_TOKENS("wtd tok/s", "weighted_throughput", "weighted_share", s -> s.weightedTokens()),
    /** Seconds holding an engine slot; per second, the slots held on average. */
    SLOT_SECONDS("slots", "slots_held", "slot_share", TenantService::slotSeconds);

    private final String column;
    private final String jsonRate;
    private final String jsonShare;
    private final ToDoubleFunction<TenantService> total;

    ServiceMeasure(String column, String jsonRate, String jsonShare, ToDoubleFunction<TenantService> total) {
        this.column = column;
        this.jsonRate = jsonRate;
        this.jsonShare = jsonShare;
        this.total = total;
    }

    /** The table's column heading of the per-second value. */
    String column() {
        return column;
    }

    /** The JSON key of the per-second value. */
    String jsonRate() {
        return jsonRate;
    }

    /** The JSON key of the tenant's share. */
    String jsonShare() {
        return jsonShare;
    }

    /** The tenant's total over the window. */
    double of(TenantService service) {
        return total.applyAsDouble(service);
    }
}
