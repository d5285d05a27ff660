package io.ascendgw.gateway.api;

/**
 * The engine endpoints the gateway relays: OpenAI's two generation endpoints, embeddings (served by engines of an
 * embedding model, {@code --runner pooling}), and vLLM's tokenizer endpoints (scripts count a prompt's tokens there
 * before sending it). Each goes to an engine serving the request's model.
 */
public enum ApiEndpoint {
    CHAT("/v1/chat/completions", "chat", true),
    COMPLETIONS("/v1/completions", "completions", true),
    EMBEDDINGS("/v1/embeddings", "embeddings", false),
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

    /** Whether the engine generates tokens for it (and may stream); false for embeddings and the tokenizer. */
    public boolean generates() {
        return generates;
    }
}
