package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.format.JsonText;

/**
 * {@code /v1/chat/completions} shapes: 0.7.3, or 0.11 ({@code v011} adds token_ids, service_tier, ...). Subclasses
 * say what an answer's message and deltas hold ({@link ToolCallWire}).
 */
class ChatWire implements WireFormat {

    protected final boolean v011;

    ChatWire(boolean v011) {
        this.v011 = v011;
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
            message(sb, c);
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
        sb.append("data: ").append(chunkHead).append("\"choices\":[{\"index\":").append(event.index())
                .append(",\"delta\":");
        delta(sb, event).append(",\"logprobs\":");
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

    /** The assistant message's fields after {@code role}, through its closing brace. */
    protected void message(StringBuilder sb, ChoiceResult c) {
        if (v011) {
            sb.append("\"content\":");
            JsonText.string(sb, c.text()).append(",\"refusal\":null,\"annotations\":null,\"audio\":null,"
                    + "\"function_call\":null,\"tool_calls\":[],\"reasoning_content\":null}");
        } else {
            sb.append("\"reasoning_content\":null,\"content\":");
            JsonText.string(sb, c.text()).append(",\"tool_calls\":[]}");
        }
    }

    /** The {@code delta} object of one token event. */
    protected StringBuilder delta(StringBuilder sb, TokenEvent event) {
        sb.append("{\"content\":");
        return JsonText.string(sb, event.text()).append('}');
    }

    /** The {@code finish_reason} of a choice that ended for {@code reason}. */
    protected String finishReason(FinishReason reason) {
        return reason.wireName();
    }
}
