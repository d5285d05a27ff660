package io.ascendgw.gateway.api;

/**
 * The engine endpoints the gateway relays: OpenAI's two generation endpoints and its Responses API (vLLM 0.10+),
 * embeddings and vLLM's other pooling endpoints (score and rerank under each path vLLM answers them, pooling and
 * classification; served by engines of an embedding, reranker, reward or classifier model, {@code --runner pooling}),
 * and vLLM's tokenizer endpoints (scripts count a prompt's tokens there before sending it). Each goes to an engine
 * serving the request's model.
 */
public enum ApiEndpoint {
    CHAT("/v1/chat/completions", "chat", true, false),
    COMPLETIONS("/v1/completions", "completions", true, false),
    RESPONSES("/v1/responses", "responses", true, true),
    EMBEDDINGS("/v1/embeddings", "embeddings", false, false),
    SCORE("/score", "score", false, false),
    SCORE_V1("/v1/score", "score", false, false),
    RERANK("/rerank", "rerank", false, false),
    RERANK_V1("/v1/rerank", "rerank", false, false),
    RERANK_V2("/v2/rerank", "rerank", false, false),
    POOLING("/pooling", "pooling", false, false),
    CLASSIFY("/classify", "classify", false, false),
    TOKENIZE("/tokenize", "tokenize", false, false),
    DETOKENIZE("/detokenize", "detokenize", false, false);

    private final String path;
    private final String label;
    private final boolean generates;
    private final boolean typedEvents;

    ApiEndpoint(String path, String label, boolean generates, boolean typedEvents) {
        this.path = path;
        this.label = label;
        this.generates = generates;
        this.typedEvents = typedEvents;
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

    /**
     * Whether its stream is the Responses API's typed events ({@code event: response.output_text.delta} ...,
     * ending with {@code response.completed}, usage inside it) rather than chunks ending with {@code [DONE]}.
     */
    public boolean typedEvents() {
        return typedEvents;
    }
}
