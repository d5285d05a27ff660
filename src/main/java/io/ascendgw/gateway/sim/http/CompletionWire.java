package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.format.JsonText;

/** {@code /v1/completions} shapes: every chunk serialises all fields, hence {@code "usage":null}. */
final class CompletionWire implements WireFormat {

    private final boolean v011;

    CompletionWire(boolean v011) {
        this.v011 = v011;
    }

    @Override
    public String response(RequestMeta meta, GenerationResult result, Usage usage, int top) {
        StringBuilder sb = new StringBuilder(WireFormat.capacity(result)).append(meta.head("text_completion")).append("\"choices\":[");
        for (int i = 0; i < result.choices().size(); i++) {
            ChoiceResult c = result.choices().get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"index\":").append(c.index()).append(",\"text\":");
            JsonText.string(sb, c.text()).append(",\"logprobs\":");
            LogprobsJson.completion(sb, c.logprobs(), 0).append(",\"finish_reason\":\"")
                    .append(c.finishReason().wireName()).append("\",\"stop_reason\":");
            JsonText.string(sb, c.stopReason());
            sb.append(v011 ? ",\"token_ids\":null,\"prompt_logprobs\":null,\"prompt_token_ids\":null}"
                    : ",\"prompt_logprobs\":null}");
        }
        sb.append(']');
        if (v011) {
            sb.append(",\"service_tier\":null,\"system_fingerprint\":null");
        }
        sb.append(",\"usage\":").append(usage.responseJson());
        if (v011) {
            sb.append(",\"kv_transfer_params\":null");
        }
        return sb.append('}').toString();
    }

    @Override
    public String chunkHead(RequestMeta meta) {
        return meta.head("text_completion");
    }

    @Override
    public boolean echoInFirstToken() {
        return true;
    }

    @Override
    public void roleEvent(StringBuilder sb, String chunkHead, int index, String usageJson) {
        // completions have no role chunk
    }

    @Override
    public void deltaEvent(StringBuilder sb, String chunkHead, TokenEvent event, String usageJson) {
        sb.append("data: ").append(chunkHead).append("\"choices\":[{\"index\":").append(event.index())
                .append(",\"text\":");
        JsonText.string(sb, event.text()).append(",\"logprobs\":");
        LogprobsJson.completion(sb, event.logprobs(), event.textOffset()).append(",\"finish_reason\":");
        if (event.finishReason() == null) {
            sb.append("null");
        } else {
            sb.append('"').append(event.finishReason().wireName()).append('"');
        }
        sb.append(",\"stop_reason\":");
        JsonText.string(sb, event.stopReason());
        sb.append(v011 ? ",\"prompt_token_ids\":null,\"token_ids\":null}]" : "}]");
        sb.append(",\"usage\":").append(usageJson == null ? "null" : usageJson).append("}\n\n");
    }
}
