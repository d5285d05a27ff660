package io.ascendgw.gateway.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.ascendgw.gateway.sim.text.TokenLogprobs;

/**
 * What {@code echo} puts in front of each choice's output: for completions the choice's prompt (with the prompt's
 * log-probabilities when they were asked for), for chat a final assistant message being continued.
 *
 * @param prompts one per prompt (choice {@code i} belongs to prompt {@code i / n}); empty when nothing is echoed
 * @param n       choices per prompt
 * @param only    {@code max_tokens: 0} on completions: the prompt alone is returned (one token is still generated)
 */
record Echoes(List<Echo> prompts, int n, boolean only) {

    static final Echoes NONE = new Echoes(List.of(), 1, false);

    /**
     * One prompt's echo.
     *
     * @param text     the text repeated
     * @param logprobs its positions, null unless log-probabilities were asked for (completions only)
     */
    record Echo(String text, List<TokenLogprobs.Position> logprobs) {
    }

    Echoes {
        prompts = List.copyOf(prompts);
    }

    /**
     * What {@code call} echoes. Completions: each prompt's text (token ids decoded), with its positions when
     * log-probabilities ({@code logprobs >= 0}) are asked for, the first without a log-probability as in vLLM. Chat:
     * a final assistant message being continued, else nothing.
     */
    static Echoes of(GenerationCall call, List<PromptSpec> prompts, int n, boolean only, int logprobs) {
        if (call.chat()) {
            List<ChatRenderer.Message> messages = call.messages();
            ChatRenderer.Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            boolean continued = last != null && "assistant".equals(last.role()) && last.content() != null
                    && !last.content().isEmpty();
            return continued ? new Echoes(List.of(new Echo(last.content(), null)), n, false) : NONE;
        }
        List<Echo> echoes = new ArrayList<>(prompts.size());
        for (int p = 0; p < prompts.size(); p++) {
            GenerationCall.Prompt prompt = call.prompts().get(p);
            List<String> tokens = prompt.text() != null
                    ? TokenLogprobs.promptTokens(prompt.text().getBytes(StandardCharsets.UTF_8))
                    : Arrays.stream(prompt.tokenIds()).mapToObj(TokenLogprobs::decode).toList();
            String text = prompt.text() != null ? prompt.text() : String.join("", tokens);
            echoes.add(new Echo(text, logprobs < 0 ? null : positions(tokens, prompts.get(p).contentHash(), logprobs)));
        }
        return new Echoes(echoes, n, only);
    }

    private static List<TokenLogprobs.Position> positions(List<String> tokens, long key, int logprobs) {
        List<TokenLogprobs.Position> positions = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            positions.add(i == 0 ? TokenLogprobs.first(tokens.get(0))
                    : TokenLogprobs.at(key, i, tokens.get(i), Math.max(1, logprobs) - 1));
        }
        return positions;
    }

    boolean any() {
        return !prompts.isEmpty();
    }

    /** The echo of choice {@code index}, null when nothing is echoed. */
    Echo forChoice(int index) {
        return prompts.isEmpty() ? null : prompts.get(index / n);
    }

    /** A finished choice with its echo in front (a non-streaming answer). */
    ChoiceResult apply(ChoiceResult c) {
        Echo echo = forChoice(c.index());
        if (echo == null) {
            return c;
        }
        return new ChoiceResult(c.index(), only ? echo.text() : echo.text() + c.text(), c.finishReason(),
                c.stopReason(), c.completionTokens(), join(echo.logprobs(), only ? null : c.logprobs()));
    }

    /** Echoed positions then output positions; null when log-probabilities were not asked for. */
    static List<TokenLogprobs.Position> join(List<TokenLogprobs.Position> echoed,
            List<TokenLogprobs.Position> output) {
        if (echoed == null) {
            return output;
        }
        List<TokenLogprobs.Position> all = new ArrayList<>(echoed.size() + (output == null ? 0 : output.size()));
        all.addAll(echoed);
        if (output != null) {
            all.addAll(output);
        }
        return all;
    }
}
