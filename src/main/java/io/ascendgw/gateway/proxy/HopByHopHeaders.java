package io.ascendgw.gateway.proxy;

import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * Copies end-to-end headers between hops. Hop-by-hop headers (RFC 9110 §7.6.1, plus HTTP/2's upgrade headers) and
 * the ones the gateway sets itself are never forwarded.
 */
public final class HopByHopHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "trailers", "transfer-encoding", "upgrade", "http2-settings", "host", "content-length",
            "expect", "accept-encoding", "x-request-id");

    private HopByHopHeaders() {
    }

    /** Copies the client's request headers that an engine may see into {@code target}. */
    public static void copyRequestHeaders(MultiMap source, MultiMap target) {
        String connectionTokens = source.get("connection");
        for (var entry : source) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(name) || name.startsWith(":") || listedIn(connectionTokens, name)) {
                continue;
            }
            target.add(entry.getKey(), entry.getValue());
        }
    }

    /**
     * The headers an engine gets for a client's request: the client's end-to-end headers, less its
     * {@code Authorization} when it authenticated with a gateway key (that key is the gateway's business; engines
     * never see it), and the request id. With an engine key ({@code engineAuthorization} not null) the engine gets
     * that instead of whatever the client sent.
     */
    static MultiMap forEngine(MultiMap clientHeaders, boolean gatewayKey, String engineAuthorization,
            String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyRequestHeaders(clientHeaders, headers);
        if (engineAuthorization != null) {
            headers.set("Authorization", engineAuthorization);
        } else if (gatewayKey) {
            headers.remove("Authorization");
        }
        return headers.set("X-Request-Id", requestId);
    }

    private static boolean listedIn(String connectionHeader, String name) {
        if (connectionHeader == null) {
            return false;
        }
        for (String token : connectionHeader.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
