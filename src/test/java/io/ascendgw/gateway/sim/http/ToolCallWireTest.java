package io.ascendgw.gateway.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;
import io.ascendgw.gateway.sim.engine.FinishReason;
import io.ascendgw.gateway.sim.text.ThinkingText;

/** The streamed deltas of a reasoning model's tool call, whatever pieces the engine hands over. */
class ToolCallWireTest {

    @Test
    void shouldKeepTheCallsFirstPieceWhenItComesInTheSamePieceAsTheEndOfTheThinking() {
        // Given a model-chosen call, and pieces where the end of the thinking and the call's start come together
        ToolCallWire wire = new ToolCallWire(true, new ToolPlan("get_weather", null, true), 1, true);
        String head = new RequestMeta("chatcmpl-1", 1, "m").head("chat.completion.chunk");
        List<String> pieces = List.of("Let me", " check" + ThinkingText.END + "{\"city\"", ": \"Hangzhou\"}", "");

        // When they are streamed
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            wire.deltaEvent(sb, head, new TokenEvent(0, pieces.get(i), last ? FinishReason.STOP : null, null, null,
                    0, 0), null);
        }

        // Then the deltas add up to the thinking and to the whole call, named once, ending with the parser's {}
        StringBuilder reasoning = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<JsonNode> deltas = new ArrayList<>();
        for (String event : TestSim.events(sb.toString())) {
            JsonNode choice = TestSim.json(event).at("/choices/0");
            JsonNode delta = choice.get("delta");
            deltas.add(delta);
            reasoning.append(delta.path("reasoning_content").asText(""));
            JsonNode call = delta.path("tool_calls").path(0);
            arguments.append(call.path("function").path("arguments").asText(""));
            if (call.path("function").has("name")) {
                names.add(call.at("/function/name").asText());
            }
        }
        assertThat(reasoning.toString()).isEqualTo("Let me check");
        assertThat(arguments.toString()).isEqualTo("{\"city\": \"Hangzhou\"}");
        assertThat(names).containsExactly("get_weather");
        assertThat(deltas.get(deltas.size() - 1).size()).isZero();
    }

    @Test
    void shouldStartTheSecondParallelCallInThePieceThatEndsTheFirst() {
        // Given two calls the model chose, and a piece that ends the first call's arguments and starts the second's
        ToolPlan plan = new ToolPlan(List.of(new ToolPlan.Call("get_weather", null), new ToolPlan.Call("get_time",
                null)), true);
        ToolCallWire wire = new ToolCallWire(true, plan, 1, false);
        String head = new RequestMeta("chatcmpl-1", 1, "m").head("chat.completion.chunk");
        String separator = String.valueOf(ToolPlan.CALL_SEPARATOR);
        List<String> pieces = List.of("{\"city\": \"Hz\"", "}" + separator + "{\"zone", "\": \"+8\"}", "");

        // When they are streamed
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            wire.deltaEvent(sb, head, new TokenEvent(0, pieces.get(i), last ? FinishReason.STOP : null, null, null,
                    0, 0), null);
        }

        // Then call 0 and call 1 each start with their id and name at their index, and their pieces add up
        List<String> starts = new ArrayList<>();
        StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
        for (String event : TestSim.events(sb.toString())) {
            for (JsonNode call : TestSim.json(event).at("/choices/0/delta/tool_calls")) {
                if (call.has("id")) {
                    starts.add(call.get("index").asInt() + " " + call.at("/function/name").asText());
                }
                arguments[call.get("index").asInt()].append(call.at("/function/arguments").asText());
            }
        }
        assertThat(starts).containsExactly("0 get_weather", "1 get_time");
        assertThat(arguments[0].toString()).isEqualTo("{\"city\": \"Hz\"}");
        assertThat(arguments[1].toString()).isEqualTo("{\"zone\": \"+8\"}");
    }
}
