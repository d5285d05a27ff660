package io.ascendgw.gateway.bench;

import java.util.Optional;

import io.ascendgw.gateway.bench.dataset.DatasetRequest;

/**
 * One request's content before encoding.
 *
 * @param index request index (negative for warm-up requests)
 * @param prefix shared system/few-shot prompt, empty for the random workload; for completions it is the start of
 *     the prompt, byte for byte
 * @param user the varied part (user message, or the rest of the completion prompt)
 * @param maxTokens {@code max_tokens} to request
 * @param model the model drawn for this request from the spec's {@link ModelMix}; empty = the run's one model
 * @param recorded the dataset request replayed (its messages, prompt and recorded fields); empty for generated prompts
 */
public record PromptPlan(long index, String prefix, String user, int maxTokens, Optional<String> model,
        Optional<DatasetRequest> recorded) {

    /** A request for the run's one model. */
    public PromptPlan(long index, String prefix, String user, int maxTokens) {
        this(index, prefix, user, maxTokens, Optional.empty());
    }

    /** A generated prompt. */
    public PromptPlan(long index, String prefix, String user, int maxTokens, Optional<String> model) {
        this(index, prefix, user, maxTokens, model, Optional.empty());
    }

    /** The completion prompt: prefix followed by the user part. */
    public String completionPrompt() {
        return prefix + user;
    }
}
