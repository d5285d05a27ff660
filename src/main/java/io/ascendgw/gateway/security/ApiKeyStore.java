package io.ascendgw.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ascendgw.gateway.config.ApiKeyConfig;
import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.config.SecurityConfig;

/**
 * The configured keys and the check of a presented one. The presented key is hashed and compared with every
 * configured hash in constant time, without stopping at the first match, so timing tells nothing about the keys.
 */
public final class ApiKeyStore {

    private final List<ApiKey> keys;

    public ApiKeyStore(List<ApiKey> keys) {
        Set<String> names = new HashSet<>();
        for (ApiKey key : keys) {
            if (!names.add(key.name())) {
                throw new GatewayConfigException("API key name '" + key.name() + "' is configured twice");
            }
        }
        this.keys = List.copyOf(keys);
    }

    /** The keys of the configuration itself ({@code gateway.security.keys}), not of the keys file. */
    static List<ApiKey> configured(SecurityConfig config) {
        List<ApiKey> keys = new ArrayList<>();
        for (Map.Entry<String, ApiKeyConfig> entry : config.keys().entrySet()) {
            ApiKeyConfig key = entry.getValue();
            keys.add(ApiKey.of(entry.getKey(), key.sha256(), key.requestsPerMinute().orElse(0),
                    key.tokensPerMinute().orElse(0), key.maxConcurrent().orElse(0), key.weight().orElse(1.0)));
        }
        return keys;
    }

    /** The keys file's content; a file that cannot be read stops the start, naming the key. */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GatewayConfigException("gateway.security.keys-file " + file + " cannot be read: "
                    + e.getMessage());
        }
    }

    /**
     * Parses the content of keys file {@code file}: {@code name sha256 [rpm tpm concurrent [weight]]} per line,
     * {@code -} for no limit (and weight 1); errors name the file and line.
     */
    static List<ApiKey> parse(Path file, byte[] content) {
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2 && fields.length != 5 && fields.length != 6) {
                throw new GatewayConfigException(file + " line " + (i + 1)
                        + ": expected 'name sha256 [requests-per-minute tokens-per-minute max-concurrent [weight]]'");
            }
            String where = file + " line " + (i + 1);
            int rpm = fields.length >= 5 ? (int) limit(fields[2], where) : 0;
            long tpm = fields.length >= 5 ? limit(fields[3], where) : 0;
            int concurrent = fields.length >= 5 ? (int) limit(fields[4], where) : 0;
            double weight = fields.length == 6 ? weight(fields[5], where) : 1.0;
            try {
                keys.add(ApiKey.of(fields[0], fields[1], rpm, tpm, concurrent, weight));
            } catch (GatewayConfigException e) {
                throw new GatewayConfigException(where + ": " + e.getMessage());
            }
        }
        return keys;
    }

    /** The weight column as a number ({@code -}: 1); whether it is a usable weight, {@link ApiKey} checks. */
    private static double weight(String field, String where) {
        if (field.equals("-")) {
            return 1.0;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new GatewayConfigException(where + ": a weight must be a number > 0 or '-', got '" + field + "'");
        }
    }

    private static long limit(String field, String where) {
        if (field.equals("-")) {
            return 0;
        }
        try {
            long limit = Long.parseLong(field);
            if (limit >= 0 && limit <= Integer.MAX_VALUE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw new GatewayConfigException(where + ": a limit must be a whole number >= 0 or '-', got '" + field + "'");
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    public List<ApiKey> keys() {
        return keys;
    }

    /** The key an {@code Authorization} header carries, if it is one of ours. */
    public Optional<ApiKey> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(7).trim());
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (key.hashEquals(presented) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** What the configuration holds for {@code key}: its SHA-256 in hex ({@code printf %s "$KEY" | sha256sum}). */
    public static String sha256Hex(String key) {
        return java.util.HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
