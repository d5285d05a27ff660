package io.ascendgw.gateway.engine;

/** Where an engine's OpenAI server listens. */
public record EngineEndpoint(String host, int port) {

    /** {@code http://host:port} with IPv6 literals bracketed. */
    public String baseUrl() {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return baseUrl();
    }
}
