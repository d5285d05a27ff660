package io.ascendgw.gateway.bench;

import java.net.URI;

/**
 * Host, port, TLS and path prefix parsed from a base URL such as {@code http://127.0.0.1:8000} or
 * {@code https://lb.example/llm}.
 */
record HttpTarget(String host, int port, boolean ssl, String basePath) {

    static HttpTarget of(URI baseUrl) {
        boolean ssl = "https".equals(baseUrl.getScheme());
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : (ssl ? 443 : 80);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = baseUrl.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal: the socket API wants it bare
        }
        return new HttpTarget(host, port, ssl, path);
    }

    /** {@code basePath + path}, e.g. {@code /llm/v1/models}. */
    String uri(String path) {
        return basePath + path;
    }
}
