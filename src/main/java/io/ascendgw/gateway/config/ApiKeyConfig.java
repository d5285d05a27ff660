package io.ascendgw.gateway.config;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One API key ({@code gateway.security.keys.<name>}). */
public interface ApiKeyConfig {

    /**
     * Hex SHA-256 of the key, so the configuration never holds the key itself
     * ({@code printf %s "$KEY" | sha256sum}).
     */
    String sha256();

    /** Requests per minute allowed for this key. */
    OptionalInt requestsPerMinute();

    /** Prompt plus completion tokens per minute allowed for this key, counted from the engines' usage. */
    OptionalLong tokensPerMinute();

    /** Requests this key may have in flight at once. */
    OptionalInt maxConcurrent();

    /**
     * This key's share of the admission queue's turns against other keys' (default 1): while both have requests
     * waiting, a key of weight 2 gets twice the service of a key of weight 1.
     */
    OptionalDouble weight();
}
