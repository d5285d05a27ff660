package io.ascendgw.gateway.api;

/**
 * The engine endpoints the gateway relays: OpenAI's two generation endpoints, and vLLM's tokenizer endpoints (scripts
 * count a prompt's tokens there before sending it), which go to an engine serving the request's model like the rest.
 */
public enum ApiEndpoint {
    CHAT("/v1/chat/completions", "chat", true),
    COMPLETIONS("/v1/completions", "completions", true),
    TOKENIZE("/tokenize", "tokenize", false),
    DETOKENIZE("/detokenize", "detokenize", false);

    private final String path;
    private final String label;
    private final boolean generates;

    ApiEndpoint(String path, String label, boolean generates) {
        this.path = path;
        this.label = label;
        this.generates = generates;
    }

    public String path() {
        return path;
    }

    /** Short name for metrics and logs. */
    public String label() {
        return label;
    }

    /** Whether the engine generates tokens for it (and may stream); false for the tokenizer endpoints. */
    public boolean generates() {
        return generates;
    }
}
