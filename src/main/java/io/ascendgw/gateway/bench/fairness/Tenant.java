package io.ascendgw.gateway.bench.fairness;

import io.ascendgw.gateway.security.ApiKeyStore;

/**
 * The callers of the benchmark, two per scenario, each with an API key of its own: per-key fairness tells requests
 * apart by the key they authenticated with, so without two keys both tenants would share one queue. The keys are
 * fixed strings, known only to a gateway on loopback that lives as long as the run.
 */
enum Tenant {

    /** Floods the pool (closed loop, long outputs), as a synthetic-data job does. */
    BATCH("batch", 256),
    /** A person waiting for an answer (open loop, short prompts and outputs). */
    INTERACTIVE("interactive", 64),
    /** Floods the pool with long outputs, beside {@link #SHORT}: the tokens scenario. */
    LONG("long", 512),
    /** Floods the pool with the same prompts as {@link #LONG} but short outputs. */
    SHORT("short", 64);

    private final String keyName;
    private final int defaultOutputTokens;

    Tenant(String keyName, int defaultOutputTokens) {
        this.keyName = keyName;
        this.defaultOutputTokens = defaultOutputTokens;
    }

    /** The key's name in {@code gateway.security.keys.<name>}. */
    String keyName() {
        return keyName;
    }

    /** Mean generated tokens per request unless {@link #outputLenFlag()} says otherwise. */
    int defaultOutputTokens() {
        return defaultOutputTokens;
    }

    /** The flag that sets the tenant's mean output length, e.g. {@code --batch-output-len}. */
    String outputLenFlag() {
        return "--" + keyName + "-output-len";
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
