package io.ascendgw.gateway.security;

import java.util.HexFormat;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * A configured API key: its name (what logs and metrics show), the SHA-256 of the key, its limits (0 means none) and
 * its weight in the admission queue (its share of the turns against other keys; 1 by default).
 */
public record ApiKey(String name, byte[] sha256, int requestsPerMinute, long tokensPerMinute, int maxConcurrent,
        double weight) {

    public ApiKey {
        if (sha256.length != 32) {
            throw new GatewayConfigException("API key '" + name + "': sha256 must be 64 hex digits");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new GatewayConfigException("API key '" + name + "': weight must be a number > 0, got " + weight);
        }
        sha256 = sha256.clone();
    }

    /** A key of weight 1. */
    public static ApiKey of(String name, String sha256Hex, int rpm, long tpm, int concurrent) {
        return of(name, sha256Hex, rpm, tpm, concurrent, 1.0);
    }

    public static ApiKey of(String name, String sha256Hex, int rpm, long tpm, int concurrent, double weight) {
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(sha256Hex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException("API key '" + name + "': sha256 is not hex");
        }
        return new ApiKey(name, hash, rpm, tpm, concurrent, weight);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The same name, hash, limits and weight: a reload keeps this key's limiter (and its counts). */
    boolean sameAs(ApiKey other) {
        return name.equals(other.name) && java.security.MessageDigest.isEqual(sha256, other.sha256)
                && requestsPerMinute == other.requestsPerMinute && tokensPerMinute == other.tokensPerMinute
                && maxConcurrent == other.maxConcurrent && weight == other.weight;
    }

    boolean hashEquals(byte[] candidate) {
        return java.security.MessageDigest.isEqual(sha256, candidate);
    }
}
