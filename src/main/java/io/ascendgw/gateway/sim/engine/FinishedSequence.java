package io.ascendgw.gateway.sim.engine;

/**
 * Per-sequence numbers observed when a sequence finishes (vLLM V1 counts each of n choices as a request).
 *
 * @param reason               finish reason
 * @param promptTokens         prompt length
 * @param generationTokens     output tokens, EOS included
 * @param maxTokens            the request's max_tokens
 * @param n                    the request's n
 * @param e2eSeconds           arrival to finish
 * @param queueSeconds         arrival to first scheduling
 * @param prefillSeconds       first scheduling to first token
 * @param decodeSeconds        first token to finish
 * @param inferenceSeconds     first scheduling to finish
 */
public record FinishedSequence(FinishReason reason, int promptTokens, int generationTokens, int maxTokens, int n,
        double e2eSeconds, double queueSeconds, double prefillSeconds, double decodeSeconds,
        double inferenceSeconds) {
}
