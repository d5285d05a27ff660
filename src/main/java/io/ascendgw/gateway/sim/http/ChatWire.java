package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.text.ReasoningSplitter;

/**
 * {@code /v1/chat/completions} shapes: 0.7.3, or 0.11 ({@code v011} adds token_ids, service_tier, ...). Subclasses
 * say what an answer's message and deltas hold ({@link ToolCallWire}). For a reasoning model's request the wire runs
 * its reasoning parser: the thinking goes to {@code reasoning_content}, the rest is the answer; such a wire serves one
 * request, on its event loop.
 */
class ChatWire implements WireFormat {

    protected final boolean v011;
    /** Per choice while streaming a reasoning model's answer, else null. */
    private final ReasoningSplitter[] reasoning;

    /** A stateless wire for answers without reasoning, shared by all requests. */
    ChatWire(boolean v011) {
        this(v011, 0);
    }

    /** A wire for one request of a reasoning model with {@code thinkingChoices} choices (0: no reasoning). */
    ChatWire(boolean v011, int thinkingChoices) {
        this.v011 = v011;
        this.reasoning = thinkingChoices == 0 ? null : new ReasoningSplitter[thinkingChoices];
        for (int i = 0; i < thinkingChoices; i++) {
            reasoning[i] = new ReasoningSplitter();
        }
    }

    @Override
    public String response(RequestMeta meta, GenerationResult result, Usage usage, int top) {
        StringBuilder sb = new StringBuilder(WireFormat.capacity(result)).append(meta.head("chat.completion"))
                .append("\"choices\":[");
        for (int i = 0; i < result.choices().size(); i++) {
            ChoiceResult c = result.choices().get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"index\":").append(c.index()).append(",\"message\":{\"role\":\"assistant\",");
            ReasoningSplitter.Split parts = reasoning == null ? new ReasoningSplitter.Split(null, c.text())
                    : ReasoningSplitter.whole(c.text());
            message(sb, c, parts.reasoning(), parts.content());
            LogprobsJson.chat(sb.append(",\"logprobs\":"), c.logprobs(), top).append(",\"finish_reason\":\"")
                    .append(finishReason(c.finishReason()))
                    .append("\",\"stop_reason\":");
            JsonText.string(sb, c.stopReason());
            sb.append(v011 ? ",\"token_ids\":null}" : "}");
        }
        sb.append(']');
        if (v011) {
            sb.append(",\"service_tier\":null,\"system_fingerprint\":null");
        }
        sb.append(",\"usage\":").append(usage.responseJson()).append(",\"prompt_logprobs\":null");
        if (v011) {
            sb.append(",\"prompt_token_ids\":null,\"kv_transfer_params\":null");
        }
        return sb.append('}').toString();
    }

    @Override
    public String chunkHead(RequestMeta meta) {
        return meta.head("chat.completion.chunk");
    }

    @Override
    public void roleEvent(StringBuilder sb, String chunkHead, int index, String usageJson) {
        sb.append("data: ").append(chunkHead).append("\"choices\":[{\"index\":").append(index)
                .append(",\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]");
        if (usageJson != null) {
            sb.append(",\"usage\":").append(usageJson);
        }
        sb.append(v011 ? ",\"prompt_token_ids\":null}\n\n" : "}\n\n");
    }

    @Override
    public void echoEvent(StringBuilder sb, String chunkHead, int index, String text) {
        sb.append("data: ").append(chunkHead).append("\"choices\":[{\"index\":").append(index)
                .append(",\"delta\":{\"content\":");
        JsonText.string(sb, text).append("},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }

    @Override
    public void deltaEvent(StringBuilder sb, String chunkHead, TokenEvent event, String usageJson) {
        ReasoningSplitter.Split parts = reasoning == null ? new ReasoningSplitter.Split("", event.text())
                : reasoning[event.index()].next(event.text(), event.finishReason() != null);
        if (reasoning != null && parts.reasoning().isEmpty() && parts.content().isEmpty()
                && event.finishReason() == null) {
            // the parser holds the end of the thinking back: no event, as vLLM sends none
            return;
        }
        sb.append("data: ").append(chunkHead).append("\"choices\":[{\"index\":").append(event.index())
                .append(",\"delta\":");
        delta(sb, event, parts.reasoning(), parts.content()).append(",\"logprobs\":");
        LogprobsJson.chat(sb, event.logprobs(), event.top()).append(",\"finish_reason\":");
        if (event.finishReason() == null) {
            sb.append("null");
        } else {
            sb.append('"').append(finishReason(event.finishReason())).append("\",\"stop_reason\":");
            JsonText.string(sb, event.stopReason());
        }
        sb.append(v011 ? ",\"token_ids\":null}]" : "}]");
        if (usageJson != null) {
            sb.append(",\"usage\":").append(usageJson);
        }
        sb.append("}\n\n");
    }

    /**
     * The assistant message's fields after {@code role}, through its closing brace: {@code content} (the answer,
     * null when there is none) and the reasoning parser's {@code reasoning_content} (null without one).
     */
    protected void message(StringBuilder sb, ChoiceResult c, String reasoningContent, String content) {
        if (v011) {
            sb.append("\"content\":");
            JsonText.string(sb, content).append(",\"refusal\":null,\"annotations\":null,\"audio\":null,"
                    + "\"function_call\":null,\"tool_calls\":[],\"reasoning_content\":");
            JsonText.string(sb, reasoningContent).append('}');
        } else {
            sb.append("\"reasoning_content\":");
            JsonText.string(sb, reasoningContent).append(",\"content\":");
            JsonText.string(sb, content).append(",\"tool_calls\":[]}");
        }
    }

    /**
     * The {@code delta} object of one token event: its thinking ({@code reasoning_content}) and its answer text,
     * each left out when the piece has none (the answer's is kept when there is nothing else).
     */
    protected StringBuilder delta(StringBuilder sb, TokenEvent event, String reasoningContent, String content) {
        if (reasoningContent.isEmpty()) {
            sb.append("{\"content\":");
            return JsonText.string(sb, content).append('}');
        }
        sb.append("{\"reasoning_content\":");
        JsonText.string(sb, reasoningContent);
        if (!content.isEmpty()) {
            JsonText.string(sb.append(",\"content\":"), content);
        }
        return sb.append('}');
    }

    /** The {@code finish_reason} of a choice that ended for {@code reason}. */
    protected String finishReason(FinishReason reason) {
        return reason.wireName();
    }
}
