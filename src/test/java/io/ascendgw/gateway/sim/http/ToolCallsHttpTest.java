package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;

/**
 * Tool calling as vLLM's chat server answers it: named and required tool choices (arguments guided by the tool's
 * schema), auto tool choice with a tool parser (the model calls a tool, then answers the tool's result in text), and
 * the refusals of each version.
 */
class ToolCallsHttpTest {

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"Weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
            + "{\"type\":\"string\"},\"unit\":{\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\","
            + "\"unit\"]}}},{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{\"type\":"
            + "\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}}}]";
    private static final String ASK = "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Hangzhou?\"}]";

    private static TestSim plain;
    private static TestSim auto;
    private static TestSim legacy;

    @BeforeAll
    static void start() {
        plain = TestSim.start("--model", "qwen", "--enable-prompt-tokens-details", "--sim-zero-delay");
        auto = TestSim.start("--model", "qwen", "--enable-auto-tool-choice", "--tool-call-parser", "hermes",
                "--sim-zero-delay");
        legacy = TestSim.start("--model", "qwen", "--sim-vllm-version", "0.7.3", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        plain.close();
        auto.close();
        legacy.close();
    }

    private static JsonNode ok(TestSim target, String body) {
        HttpResponse<String> r = target.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static String refusal(TestSim target, String body) {
        HttpResponse<String> r = target.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = json(r.body());
        return error.has("error") ? error.at("/error/message").asText() : error.get("message").asText();
    }

    @Test
    void shouldCallTheNamedToolWithArgumentsItsSchemaAcceptsWholeAndStreamed() {
        // Given a named tool choice
        String body = "{\"model\":\"qwen\"," + ASK + "," + TOOLS + ",\"seed\":4,\"tool_choice\":{\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\"}}}";

        // When it is answered whole and streamed
        JsonNode whole = ok(plain, body);
        List<JsonNode> chunks = chunks(plain, body.replace("\"seed\":4,", "\"seed\":4,\"stream\":true,"));

        // Then the message calls get_weather with arguments its parameters accept, content empty, finish stop
        JsonNode message = whole.at("/choices/0/message");
        assertThat(message.get("content").asText()).isEmpty();
        JsonNode call = message.at("/tool_calls/0");
        assertThat(message.get("tool_calls")).hasSize(1);
        assertThat(call.get("id").asText()).matches("chatcmpl-tool-[0-9a-f]{32}");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        JsonNode arguments = json(call.at("/function/arguments").asText());
        assertThat(arguments.get("city").isTextual()).isTrue();
        assertThat(arguments.get("unit").asText()).isIn("celsius", "fahrenheit");
        assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        // and the stream: the role, one delta with the call's id, type and name, then argument pieces, finish stop
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        JsonNode first = chunks.get(1).at("/choices/0/delta/tool_calls/0");
        assertThat(first.get("id").asText()).matches("chatcmpl-tool-[0-9a-f]{32}");
        assertThat(first.at("/function/name").asText()).isEqualTo("get_weather");
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks.subList(1, chunks.size())) {
            JsonNode delta = chunk.at("/choices/0/delta/tool_calls/0");
            assertThat(delta.get("index").asInt()).isZero();
            streamed.append(delta.at("/function/arguments").asText());
            if (chunk != chunks.get(1)) {
                assertThat(delta.has("id")).isFalse();
            }
        }
        assertThat(streamed.toString()).isEqualTo(call.at("/function/arguments").asText());
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void shouldCallAToolThenAnswerItsResultInTextWhenTheModelChoosesAuto() {
        // Given tools without a tool_choice (V1 makes it auto) on an engine with a tool parser
        String body = "{\"model\":\"qwen\"," + ASK + "," + TOOLS + "}";

        // When the model is asked, and then given the tool's result
        JsonNode first = ok(auto, body);
        JsonNode call = first.at("/choices/0/message/tool_calls/0");
        String followUp = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Hangzhou?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},{\"role\":\"tool\","
                + "\"tool_call_id\":" + call.get("id") + ",\"content\":\"22 degrees, sunny\"}]," + TOOLS + "}";
        JsonNode answer = ok(auto, followUp);
        List<JsonNode> streamed = chunks(auto, body.replace("{\"model\"", "{\"stream\":true,\"model\""));

        // Then the first answer is a call the model chose (no content, finish tool_calls), the second plain text
        assertThat(first.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(call.at("/function/name").asText()).isIn("get_weather", "get_time");
        assertThat(json(call.at("/function/arguments").asText()).isObject()).isTrue();
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(answer.at("/choices/0/message/content").asText()).isNotEmpty();
        assertThat(answer.at("/choices/0/message/tool_calls")).isEmpty();
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode last = streamed.get(streamed.size() - 1).at("/choices/0");
        assertThat(last.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(last.get("delta").size()).as("the parser's empty last delta").isZero();
    }

    @Test
    void shouldSometimesCallTwoToolsAtOnceWholeAndStreamedUnlessParallelCallsAreOff() {
        int parallel = 0;
        for (String city : List.of("Hangzhou", "Beijing", "Shenzhen", "Chengdu", "Xi'an", "Wuhan", "Nanjing",
                "Suzhou", "Tianjin", "Qingdao", "Dalian", "Xiamen")) {
            // When the model chooses (auto), whole and streamed, and with parallel_tool_calls off
            String body = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather and time in "
                    + city + "?\"}]," + TOOLS + ",\"seed\":5";
            JsonNode whole = ok(auto, body + "}").at("/choices/0/message/tool_calls");
            List<JsonNode> streamed = chunks(auto, body + ",\"stream\":true}");
            JsonNode single = ok(auto, body + ",\"parallel_tool_calls\":false}").at("/choices/0/message/tool_calls");

            // Then one or two calls of different tools, each with its own id and arguments its schema accepts
            assertThat(whole.size()).isBetween(1, 2);
            assertThat(single.size()).isEqualTo(1);
            if (whole.size() == 2) {
                parallel++;
                assertThat(whole.at("/0/function/name").asText()).isNotEqualTo(whole.at("/1/function/name").asText());
                assertThat(whole.at("/0/id").asText()).isNotEqualTo(whole.at("/1/id").asText());
            }
            // and the stream rebuilds the same calls by index: a first delta with id and name, then argument pieces
            List<String> names = new ArrayList<>();
            List<StringBuilder> arguments = new ArrayList<>();
            for (JsonNode chunk : streamed) {
                for (JsonNode piece : chunk.at("/choices/0/delta/tool_calls")) {
                    int index = piece.get("index").asInt();
                    if (piece.has("id")) {
                        assertThat(index).isEqualTo(names.size());
                        names.add(piece.at("/function/name").asText());
                        arguments.add(new StringBuilder());
                    }
                    arguments.get(index).append(piece.at("/function/arguments").asText());
                }
            }
            assertThat(names).hasSize(whole.size());
            for (int i = 0; i < whole.size(); i++) {
                assertThat(names.get(i)).isEqualTo(whole.at("/" + i + "/function/name").asText());
                String args = whole.at("/" + i + "/function/arguments").asText();
                assertThat(arguments.get(i).toString()).isEqualTo(args);
                assertThat(json(args).isObject()).as(args).isTrue();
            }
        }
        // and some answers, not all, call both tools
        assertThat(parallel).isBetween(1, 11);
    }

    @Test
    void shouldCallOneOfTheToolsWhenRequired() {
        // When tool_choice is "required", for several prompts
        List<String> names = new ArrayList<>();
        for (String city : List.of("Hangzhou", "Beijing", "Shenzhen", "Chengdu", "Xi'an", "Wuhan")) {
            JsonNode r = ok(plain, "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"" + city
                    + "?\"}]," + TOOLS + ",\"tool_choice\":\"required\"}");
            assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            names.add(r.at("/choices/0/message/tool_calls/0/function/name").asText());
        }

        // Then every answer calls a tool, and which one depends on the prompt
        assertThat(names).containsOnly("get_weather", "get_time").contains("get_weather", "get_time");
    }

    @Test
    void shouldRefuseToolChoicesAsEachVersionDoes() {
        // Then V1 without a tool parser refuses tools (tool_choice defaults to auto), a named tool not in the tools,
        // and a tool_choice without tools; 0.7.3 refuses "required" and answers tools without tool_choice in text
        assertThat(refusal(plain, "{\"model\":\"qwen\"," + ASK + "," + TOOLS + "}"))
                .isEqualTo("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set");
        assertThat(refusal(plain, "{\"model\":\"qwen\"," + ASK + "," + TOOLS + ",\"tool_choice\":{\"type\":"
                + "\"function\",\"function\":{\"name\":\"book_flight\"}}}"))
                .contains("The tool specified in `tool_choice` does not match any of the specified `tools`");
        assertThat(refusal(auto, "{\"model\":\"qwen\"," + ASK + ",\"tool_choice\":\"required\"}"))
                .contains("When using `tool_choice`, `tools` must be set.");
        assertThat(refusal(legacy, "{\"model\":\"qwen\"," + ASK + "," + TOOLS + ",\"tool_choice\":\"required\"}"))
                .contains("`tool_choice` must either be a named tool, \"auto\", or \"none\".");
        JsonNode text = ok(legacy, "{\"model\":\"qwen\"," + ASK + "," + TOOLS + "}");
        assertThat(text.at("/choices/0/message/content").asText()).isNotEmpty();
        assertThat(text.at("/choices/0/message/tool_calls")).isEmpty();
    }

    @Test
    void shouldCountTheToolDefinitionsAsPromptTokensAndCacheThemAsAPrefix() {
        // Given the same question with and without the tools, asked twice with them (prefix caching is on)
        String question = "{\"model\":\"qwen\"," + ASK + ",\"max_tokens\":2";
        int without = ok(plain, question + "}").at("/usage/prompt_tokens").asInt();
        String withTools = question + "," + TOOLS + ",\"tool_choice\":\"none\"}";
        JsonNode first = ok(plain, withTools);
        JsonNode again = ok(plain, withTools.replace("Hangzhou", "Ningbo"));
        int tokenized = json(plain.post("/tokenize", "{\"model\":\"qwen\"," + ASK + "," + TOOLS + "}").body())
                .get("count").asInt();

        // Then the definitions are in the prompt the engine counts (and tokenizes), and a second question with the
        // same tools reuses their blocks
        int toolBytes = TOOLS.length() - "\"tools\":[]".length();
        assertThat(first.at("/usage/prompt_tokens").asInt() - without).isGreaterThan(toolBytes / 4);
        assertThat(tokenized).isEqualTo(first.at("/usage/prompt_tokens").asInt());
        assertThat(again.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isGreaterThan(toolBytes / 4 - 16);
    }

    @Test
    void shouldCountAnAgentsToolCallsAndResultsInThePromptAsTheTokenizerDoes() {
        // Given an agent's history with a call and its result, and the same history without them
        String call = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": "
                + "\\\"Hangzhou\\\", \\\"unit\\\": \\\"celsius\\\"}\"}}]}";
        String result = "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"22 degrees, sunny\"}";
        String user = "{\"role\":\"user\",\"content\":\"Weather in Hangzhou?\"}";
        String history = "\"messages\":[" + user + "," + call + "," + result + "]";

        // When the chat is asked and the same messages tokenized
        int withCall = ok(plain, "{\"model\":\"qwen\"," + history + ",\"max_tokens\":2}").at("/usage/prompt_tokens")
                .asInt();
        int bare = ok(plain, "{\"model\":\"qwen\",\"messages\":[" + user + "],\"max_tokens\":2}")
                .at("/usage/prompt_tokens").asInt();
        int tokenized = json(plain.post("/tokenize", "{\"model\":\"qwen\"," + history + "}").body()).get("count")
                .asInt();

        // Then the call (Qwen's <tool_call> block) and the result (<tool_response>) count, and /tokenize agrees
        int callText = ("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Hangzhou\","
                + "\"unit\":\"celsius\"}}\n</tool_call>").length()
                + "<tool_response>\n22 degrees, sunny\n</tool_response>".length();
        assertThat(withCall - bare).isGreaterThan(callText / 4);
        assertThat(tokenized).isEqualTo(withCall);
    }

    private static List<JsonNode> chunks(TestSim target, String body) {
        HttpResponse<String> r = target.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> events = TestSim.events(r.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> out = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            out.add(json(event));
        }
        return out;
    }
}
