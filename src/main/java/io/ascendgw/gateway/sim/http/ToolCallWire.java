package io.ascendgw.gateway.sim.http;

import java.util.List;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.format.JsonText;

/**
 * Chat shapes of an answer that calls a tool: the generated text is the call's arguments, sent as
 * {@code message.tool_calls} (whole) or as {@code delta.tool_calls} (streamed: the first delta of a choice carries the
 * call's id, type and name, the next ones argument pieces), as vLLM's chat server writes them. A named or required
 * tool choice finishes with {@code stop} and an empty {@code content}; a call the model chose (auto, parsed by the
 * tool parser) finishes with {@code tool_calls} and no {@code content}. A reasoning model thinks first
 * ({@code reasoning_content}), then calls. One instance per request, used on its event loop.
 */
final class ToolCallWire extends ChatWire {

    private final ToolPlan plan;
    private final List<String> callIds;
    /** Per choice: the call's first delta (id, type, name) has gone out. */
    private final boolean[] started;

    /** {@code callIds}: one {@code chatcmpl-tool-...} id per choice; {@code thinking}: a reasoning model's answer. */
    ToolCallWire(boolean v011, ToolPlan plan, List<String> callIds, boolean thinking) {
        super(v011, thinking ? callIds.size() : 0);
        this.plan = plan;
        this.callIds = List.copyOf(callIds);
        this.started = new boolean[callIds.size()];
    }

    @Override
    protected void message(StringBuilder sb, ChoiceResult c, String reasoningContent, String arguments) {
        String content = plan.chosenByModel() ? "null" : "\"\"";
        if (!v011) {
            JsonText.string(sb.append("\"reasoning_content\":"), reasoningContent).append(",\"content\":")
                    .append(content).append(",\"tool_calls\":[");
        } else {
            sb.append("\"content\":").append(content).append(",\"refusal\":null,\"annotations\":null,\"audio\":null,"
                    + "\"function_call\":null,\"tool_calls\":[");
        }
        sb.append("{\"id\":");
        JsonText.string(sb, callIds.get(c.index())).append(",\"type\":\"function\",\"function\":{\"name\":");
        JsonText.string(sb, plan.function()).append(",\"arguments\":");
        JsonText.string(sb, arguments == null ? "" : arguments).append("}}]");
        if (v011) {
            JsonText.string(sb.append(",\"reasoning_content\":"), reasoningContent);
        }
        sb.append('}');
    }

    /**
     * The call's pieces as {@code tool_calls} deltas, with the thinking that came in the same piece beside them (a
     * stop-string holdback can join the end of the thinking and the start of the call). A named or required call ends
     * with an empty argument piece; one the model chose ends with the parser's empty delta.
     */
    @Override
    protected StringBuilder delta(StringBuilder sb, TokenEvent event, String reasoningContent, String arguments) {
        int choice = event.index();
        boolean callPiece = !arguments.isEmpty() || (started[choice] && !plan.chosenByModel());
        if (!callPiece) {
            return started[choice] && reasoningContent.isEmpty() ? sb.append("{}")
                    : super.delta(sb, event, reasoningContent, "");
        }
        sb.append('{');
        if (!reasoningContent.isEmpty()) {
            JsonText.string(sb.append("\"reasoning_content\":"), reasoningContent).append(',');
        }
        sb.append("\"tool_calls\":[{");
        if (!started[choice]) {
            started[choice] = true;
            sb.append("\"id\":");
            JsonText.string(sb, callIds.get(choice))
                    .append(",\"type\":\"function\",\"index\":0,\"function\":{\"name\":");
            JsonText.string(sb, plan.function()).append(",\"arguments\":");
        } else {
            sb.append("\"index\":0,\"function\":{\"arguments\":");
        }
        return JsonText.string(sb, arguments).append("}}]}");
    }

    @Override
    protected String finishReason(FinishReason reason) {
        return reason == FinishReason.STOP && plan.chosenByModel() ? "tool_calls" : reason.wireName();
    }
}
