package io.ascendgw.gateway.bench.fairness;

import io.ascendgw.gateway.security.ApiKeyStore;

/**
 * The two callers of the benchmark, each with an API key of its own: per-key fairness tells requests apart by the
 * key they authenticated with, so without two keys both tenants would share one queue. The keys are fixed strings,
 * known only to a gateway on loopback that lives as long as the run.
 */
enum Tenant {

    /** Floods the pool (closed loop, long outputs), as a synthetic-data job does. */
    BATCH("batch"),
    /** A person waiting for an answer (open loop, short prompts and outputs). */
    INTERACTIVE("interactive");

    private final String keyName;

    Tenant(String keyName) {
        this.keyName = keyName;
    }

    /** The key's name in {@code gateway.security.keys.<name>}. */
    String keyName() {
        return keyName;
    }

    /** The key the tenant sends. */
    String apiKey() {
        return "sk-fairness-bench-" + keyName;
    }

    /** The {@code Authorization} header value. */
    String bearer() {
        return "Bearer " + apiKey();
    }

    /** The gateway property that holds the key's hash. */
    String shaProperty() {
        return "gateway.security.keys." + keyName + ".sha256";
    }

    /** Hex SHA-256 of {@link #apiKey()}, as the gateway's configuration holds it. */
    String sha256() {
        return ApiKeyStore.sha256Hex(apiKey());
    }
}
