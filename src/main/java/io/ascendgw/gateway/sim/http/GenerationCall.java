package io.ascendgw.gateway.sim.http;

import java.util.List;

import io.ascendgw.gateway.sim.images.ChatMedia;
import io.ascendgw.gateway.sim.structured.OutputStructure;
import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * A schema-valid chat or completions request, with every field the simulator looks at (the rest is ignored).
 *
 * @param chat               chat endpoint (else completions)
 * @param model              requested model, null when absent
 * @param messages           chat messages (chat only)
 * @param addGenerationPrompt chat template adds the assistant header
 * @param prompts            completion prompts: text or token ids (completions only)
 * @param maxTokens          max_completion_tokens / max_tokens, null when absent
 * @param n                  choices per prompt, null when absent
 * @param stop               stop strings
 * @param seed               seed, null when absent
 * @param temperature        null when absent
 * @param topP               null when absent
 * @param topK               null when absent
 * @param minP               null when absent
 * @param presencePenalty    null when absent
 * @param frequencyPenalty   null when absent
 * @param repetitionPenalty  null when absent
 * @param ignoreEos          vLLM extra
 * @param minTokens          vLLM extra, null when absent
 * @param includeStopStr     vLLM extra include_stop_str_in_output
 * @param stream             stream flag
 * @param streamOptions      stream_options object present
 * @param includeUsage       stream_options.include_usage (default true once present)
 * @param continuousUsage    stream_options.continuous_usage_stats
 * @param logprobs           logprobs requested (chat: top_logprobs when logprobs is true; completions: logprobs)
 * @param bodyRequestId      body request_id, null when absent
 * @param echo               vLLM extra: the prompt (completions) or a final assistant message (chat) is repeated
 * @param bestOf             best_of, null when absent
 * @param toolChoice         tool_choice when it is a string ({@code "auto"}, {@code "none"}, ...), else null
 * @param namedTool          the function a tool_choice object names, else null
 * @param tools              chat's function tools
 * @param structure          the structured-output constraint on the answer, null for free text
 * @param thinkingDisabled   chat_template_kwargs.enable_thinking is false (Qwen3's switch for its thinking)
 * @param parallelToolCalls  parallel_tool_calls is not false
 * @param media              the messages' media parts ({@link ChatMedia#NONE} when there are none); the messages
 *                           holding them have null content until {@link #withMessages} puts the rendered ones in
 */
record GenerationCall(boolean chat, String model, List<ChatRenderer.Message> messages, boolean addGenerationPrompt,
        List<Prompt> prompts, Integer maxTokens, Integer n, List<String> stop, Long seed, Double temperature,
        Double topP, Integer topK, Double minP, Double presencePenalty, Double frequencyPenalty,
        Double repetitionPenalty, boolean ignoreEos, Integer minTokens, boolean includeStopStr, boolean stream,
        boolean streamOptions, boolean includeUsage, boolean continuousUsage, Integer logprobs,
        String bodyRequestId, boolean echo, Integer bestOf, String toolChoice, String namedTool,
        List<ToolPlan.Tool> tools, OutputStructure structure, boolean thinkingDisabled, boolean parallelToolCalls,
        ChatMedia media) {

    /** This call with {@code rendered} messages (its media written into them) and no media left to load. */
    GenerationCall withMessages(List<ChatRenderer.Message> rendered) {
        return new GenerationCall(chat, model, rendered, addGenerationPrompt, prompts, maxTokens, n, stop, seed,
                temperature, topP, topK, minP, presencePenalty, frequencyPenalty, repetitionPenalty, ignoreEos,
                minTokens, includeStopStr, stream, streamOptions, includeUsage, continuousUsage, logprobs,
                bodyRequestId, echo, bestOf, toolChoice, namedTool, tools, structure, thinkingDisabled,
                parallelToolCalls, ChatMedia.NONE);
    }

    /** A completion prompt: text, or pre-tokenised ids. */
    record Prompt(String text, int[] tokenIds) {
    }
}
