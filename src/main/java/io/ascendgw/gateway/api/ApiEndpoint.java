package io.ascendgw.gateway.api;

/** The OpenAI generation endpoints the gateway relays. */
public enum ApiEndpoint {
    CHAT("/v1/chat/completions", "chat"),
    COMPLETIONS("/v1/completions", "completions");

    private final String path;
    private final String label;

    ApiEndpoint(String path, String label) {
        this.path = path;
        this.label = label;
    }

    public String path() {
        return path;
    }

    /** Short name for metrics and logs. */
    public String label() {
        return label;
    }
}
