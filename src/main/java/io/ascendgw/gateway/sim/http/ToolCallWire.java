package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.sim.engine.ChoiceResult;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.format.JsonText;

/**
 * Chat shapes of an answer that calls tools: the generated text is the calls' arguments, sent as
 * {@code message.tool_calls} (whole) or as {@code delta.tool_calls} (streamed: the first delta of a choice carries the
 * call's id, type and name, the next ones argument pieces), as vLLM's chat server writes them. A named or required
 * tool choice finishes with {@code stop} and an empty {@code content}; a call the model chose (auto, parsed by the
 * tool parser) finishes with {@code tool_calls} and no {@code content}. A reasoning model thinks first
 * ({@code reasoning_content}), then calls. One instance per request, used on its event loop.
 */
final class ToolCallWire extends ChatWire {

    private final ToolPlan plan;
    /** Per choice, per call: the call's {@code chatcmpl-tool-...} id. */
    private final String[][] callIds;
    /** Per choice: the call being streamed. */
    private final int[] current;
    /** Per choice: the current call's first delta (id, type, name) has gone out. */
    private final boolean[] started;

    /** {@code choices}: the request's choices; {@code thinking}: a reasoning model's answer. */
    ToolCallWire(boolean v011, ToolPlan plan, int choices, boolean thinking) {
        super(v011, thinking ? choices : 0);
        this.plan = plan;
        this.callIds = new String[choices][plan.calls().size()];
        for (String[] ids : callIds) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "chatcmpl-tool-" + RequestIds.random();
            }
        }
        this.current = new int[choices];
        this.started = new boolean[choices];
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
        List<String> each = split(arguments == null ? "" : arguments);
        for (int i = 0; i < each.size(); i++) {
            sb.append(i == 0 ? "{\"id\":" : ",{\"id\":");
            JsonText.string(sb, callIds[c.index()][i]).append(",\"type\":\"function\",\"function\":{\"name\":");
            JsonText.string(sb, plan.calls().get(i).function()).append(",\"arguments\":");
            JsonText.string(sb, each.get(i)).append("}}");
        }
        sb.append(']');
        if (v011) {
            JsonText.string(sb.append(",\"reasoning_content\":"), reasoningContent);
        }
        sb.append('}');
    }

    /**
     * The calls' pieces as {@code tool_calls} deltas, with the thinking that came in the same piece beside them (a
     * stop-string holdback can join the end of the thinking and the start of the call). A call's first delta carries
     * its id, type, index and name; a piece that ends one parallel call and starts the next carries both. A named or
     * required call ends with an empty argument piece; calls the model chose end with the parser's empty delta.
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
        sb.append("\"tool_calls\":[");
        List<String> segments = split(arguments);
        boolean first = true;
        for (int k = 0; k < segments.size(); k++) {
            if (k > 0 && current[choice] + 1 < plan.calls().size()) {
                current[choice]++;
                started[choice] = false;
            }
            String piece = segments.get(k);
            if (piece.isEmpty() && started[choice] && segments.size() > 1) {
                continue;
            }
            sb.append(first ? "{" : ",{");
            first = false;
            int call = current[choice];
            if (!started[choice]) {
                started[choice] = true;
                sb.append("\"id\":");
                JsonText.string(sb, callIds[choice][call]).append(",\"type\":\"function\",\"index\":").append(call)
                        .append(",\"function\":{\"name\":");
                JsonText.string(sb, plan.calls().get(call).function()).append(",\"arguments\":");
            } else {
                sb.append("\"index\":").append(call).append(",\"function\":{\"arguments\":");
            }
            JsonText.string(sb, piece).append("}}");
        }
        return sb.append("]}");
    }

    /** The parts of generated text between parallel calls (one part for a single call). */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>(2);
        int from = 0;
        int at = text.indexOf(ToolPlan.CALL_SEPARATOR);
        while (at >= 0) {
            parts.add(text.substring(from, at));
            from = at + 1;
            at = text.indexOf(ToolPlan.CALL_SEPARATOR, from);
        }
        parts.add(text.substring(from));
        return parts;
    }

    @Override
    protected String finishReason(FinishReason reason) {
        return reason == FinishReason.STOP && plan.chosenByModel() ? "tool_calls" : reason.wireName();
    }
}
