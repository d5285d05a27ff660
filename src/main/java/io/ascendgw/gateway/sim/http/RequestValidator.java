package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.format.PyFloat;

/** vLLM's length and sampling-parameter checks with their exact messages (400 BadRequestError). */
final class RequestValidator {

    private final VllmDialect dialect;
    private final int maxModelLen;
    private final ErrorBodies errors;

    RequestValidator(VllmDialect dialect, int maxModelLen, ErrorBodies errors) {
        this.dialect = dialect;
        this.maxModelLen = maxModelLen;
        this.errors = errors;
    }

    /** Checks one prompt against the context; returns max_tokens to use (default: what is left of the context). */
    int checkLength(int promptTokens, Integer maxTokens) {
        int l = maxModelLen;
        if (dialect.legacy()) {
            if (maxTokens == null && promptTokens >= l) {
                throw errors.badRequest("This model's maximum context length is " + l + " tokens. However, you "
                        + "requested " + promptTokens + " tokens in the messages, Please reduce the length of the "
                        + "messages.");
            }
            if (maxTokens != null && (long) promptTokens + maxTokens > l) {
                throw errors.badRequest("This model's maximum context length is " + l + " tokens. However, you "
                        + "requested " + ((long) maxTokens + promptTokens) + " tokens (" + promptTokens + " in the "
                        + "messages, " + maxTokens + " in the completion). Please reduce the length of the messages "
                        + "or completion.");
            }
        } else {
            if (promptTokens >= l) {
                throw errors.badRequest("This model's maximum context length is " + l + " tokens. However, your "
                        + "request has " + promptTokens + " input tokens. Please reduce the length of the input "
                        + "messages.");
            }
            if (maxTokens != null && (long) promptTokens + maxTokens > l) {
                throw errors.badRequest("'max_tokens' or 'max_completion_tokens' is too large: " + maxTokens
                        + ". This model's maximum context length is " + l + " tokens and your request has "
                        + promptTokens + " input tokens (" + maxTokens + " > " + l + " - " + promptTokens + ").");
            }
        }
        return maxTokens != null ? maxTokens : l - promptTokens;
    }

    /** SamplingParams._verify_args, in its order. */
    void checkSampling(GenerationCall c, int n, int maxTokens, int minTokens) {
        if (n < 1) {
            throw errors.badRequest("n must be at least 1, got " + n + ".");
        }
        if (dialect.legacy() && c.bestOf() != null && c.bestOf() < n) {
            throw errors.badRequest("best_of must be greater than or equal to n, got n=" + n + " and best_of="
                    + c.bestOf() + ".");
        }
        checkPenalty("presence_penalty", c.presencePenalty());
        checkPenalty("frequency_penalty", c.frequencyPenalty());
        if (c.repetitionPenalty() != null && c.repetitionPenalty() <= 0) {
            throw errors.badRequest("repetition_penalty must be greater than zero, got "
                    + PyFloat.repr(c.repetitionPenalty()) + ".");
        }
        if (c.temperature() != null && c.temperature() < 0) {
            throw errors.badRequest("temperature must be non-negative, got " + PyFloat.repr(c.temperature()) + ".");
        }
        if (c.topP() != null && !(c.topP() > 0 && c.topP() <= 1)) {
            throw errors.badRequest("top_p must be in (0, 1], got " + PyFloat.repr(c.topP()) + ".");
        }
        if (c.topK() != null && (c.topK() < -1 || (dialect.legacy() && c.topK() == 0))) {
            throw errors.badRequest("top_k must be " + (dialect.legacy() ? "-1" : "0")
                    + " (disable), or at least 1, got " + c.topK() + ".");
        }
        if (c.minP() != null && !(c.minP() >= 0 && c.minP() <= 1)) {
            throw errors.badRequest("min_p must be in [0, 1], got " + PyFloat.repr(c.minP()) + ".");
        }
        if (maxTokens < 1) {
            throw errors.badRequest("max_tokens must be at least 1, got " + maxTokens + ".");
        }
        if (minTokens < 0) {
            throw errors.badRequest("min_tokens must be greater than or equal to 0, got " + minTokens + ".");
        }
        if (minTokens > maxTokens) {
            throw errors.badRequest("min_tokens must be less than or equal to max_tokens=" + maxTokens + ", got "
                    + minTokens + ".");
        }
    }

    /**
     * What the engine refuses after the HTTP layer accepted the request (so a stream carries it in-band): too many
     * logprobs, and in V1 a best_of above 1. Null when the engine takes the request.
     */
    String engineSideError(GenerationCall c, int maxLogprobs) {
        if (c.logprobs() != null && c.logprobs() > maxLogprobs) {
            return dialect.legacy() ? "Cannot request more than " + maxLogprobs + " logprobs."
                    : "Requested sample logprobs of " + c.logprobs() + ", which is greater than max allowed: "
                            + maxLogprobs;
        }
        if (!dialect.legacy() && c.bestOf() != null && c.bestOf() > 1) {
            return "vLLM V1 does not yet support best_of.";
        }
        return null;
    }

    private void checkPenalty(String name, Double value) {
        if (value != null && !(value >= -2 && value <= 2)) {
            throw errors.badRequest(name + " must be in [-2, 2], got " + PyFloat.repr(value) + ".");
        }
    }
}
