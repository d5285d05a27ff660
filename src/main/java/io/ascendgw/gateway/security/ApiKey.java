package io.ascendgw.gateway.security;

import java.util.HexFormat;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * A configured API key: its name (what logs and metrics show), the SHA-256 of the key, and its limits (0 means none).
 */
public record ApiKey(String name, byte[] sha256, int requestsPerMinute, long tokensPerMinute, int maxConcurrent) {

    public ApiKey {
        if (sha256.length != 32) {
            throw new GatewayConfigException("API key '" + name + "': sha256 must be 64 hex digits");
        }
        sha256 = sha256.clone();
    }

    public static ApiKey of(String name, String sha256Hex, int rpm, long tpm, int concurrent) {
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(sha256Hex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException("API key '" + name + "': sha256 is not hex");
        }
        return new ApiKey(name, hash, rpm, tpm, concurrent);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The same name, hash and limits: a reload keeps this key's limiter (and its counts). */
    boolean sameAs(ApiKey other) {
        return name.equals(other.name) && java.security.MessageDigest.isEqual(sha256, other.sha256)
                && requestsPerMinute == other.requestsPerMinute && tokensPerMinute == other.tokensPerMinute
                && maxConcurrent == other.maxConcurrent;
    }

    boolean hashEquals(byte[] candidate) {
        return java.security.MessageDigest.isEqual(sha256, candidate);
    }
}
