package io.ascendgw.gateway.bench.fairness;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.bench.UsageException;

/**
 * What a run of {@code bench fairness} compares: a baseline queueing policy against the one it tries, with two tenants
 * of the scenario's own. Each scenario has flags of its own, which the other refuses rather than ignores.
 */
enum FairnessScenario {

    /** A batch flood and a person's questions: how long the person waits behind the flood, fifo against per-key. */
    INTERACTIVE("interactive", FairnessPlan.FIFO, FairnessPlan.PER_KEY, List.of(Tenant.BATCH, Tenant.INTERACTIVE),
            "--batch-concurrency", List.of("--lead-seconds", "--interactive-rate")),
    /**
     * Two floods, long and short outputs: how the engines' time is shared when a turn is one request
     * (per-key-requests) against a turn as long as the key's mean request in tokens (per-key).
     */
    TOKENS("tokens", FairnessPlan.PER_KEY_REQUESTS, FairnessPlan.PER_KEY, List.of(Tenant.LONG, Tenant.SHORT),
            "--concurrency", List.of());

    private final String flagValue;
    private final String baseline;
    private final String contender;
    private final List<Tenant> tenants;
    private final String concurrencyFlag;
    private final List<String> ownFlags;

    FairnessScenario(String flagValue, String baseline, String contender, List<Tenant> tenants,
            String concurrencyFlag, List<String> otherFlags) {
        this.flagValue = flagValue;
        this.baseline = baseline;
        this.contender = contender;
        this.tenants = tenants;
        this.concurrencyFlag = concurrencyFlag;
        List<String> own = new ArrayList<>(List.of(concurrencyFlag));
        tenants.forEach(tenant -> own.add(tenant.outputLenFlag()));
        own.addAll(otherFlags);
        this.ownFlags = List.copyOf(own);
    }

    /** The value of {@code --scenario}. */
    String flagValue() {
        return flagValue;
    }

    /** The policy the other is measured against (the denominator of the ratios). */
    String baseline() {
        return baseline;
    }

    /** The policy tried (the numerator of the ratios). */
    String contender() {
        return contender;
    }

    /** Baseline, then contender: the order the gateways start and the first round runs. */
    List<String> policies() {
        return List.of(baseline, contender);
    }

    List<Tenant> tenants() {
        return tenants;
    }

    /** The flag of the requests the flooding tenants keep in flight together. */
    String concurrencyFlag() {
        return concurrencyFlag;
    }

    /** Flags that only this scenario takes: its concurrency, its tenants' output lengths and any others. */
    List<String> ownFlags() {
        return ownFlags;
    }

    static FairnessScenario parse(String value) throws UsageException {
        for (FairnessScenario scenario : values()) {
            if (scenario.flagValue.equals(value)) {
                return scenario;
            }
        }
        throw new UsageException("--scenario must be interactive or tokens, got '" + value + "'");
    }
}
