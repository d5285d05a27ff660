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
 * A reasoning model (vLLM with --reasoning-parser, e.g. Qwen3): the answer thinks first, and the parser puts the
 * thinking in reasoning_content, whole and streamed; Qwen3's enable_thinking switch; 0.7.3's --enable-reasoning.
 */
class ReasoningHttpTest {

    private static final String CHAT = "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Name a city by a lake\"}],\"seed\":11";

    private static TestSim plain;
    private static TestSim reasoning;
    private static TestSim legacy;
    private static TestSim legacyEnabled;

    @BeforeAll
    static void start() {
        plain = TestSim.start("--model", "qwen3", "--sim-zero-delay");
        reasoning = TestSim.start("--model", "qwen3", "--reasoning-parser", "qwen3", "--sim-zero-delay");
        legacy = TestSim.start("--model", "qwen3", "--reasoning-parser", "deepseek_r1", "--sim-vllm-version",
                "0.7.3", "--sim-zero-delay");
        legacyEnabled = TestSim.start("--model", "qwen3", "--enable-reasoning", "--reasoning-parser", "deepseek_r1",
                "--sim-vllm-version", "0.7.3", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        plain.close();
        reasoning.close();
        legacy.close();
        legacyEnabled.close();
    }

    private static JsonNode message(TestSim target, String body) {
        HttpResponse<String> r = target.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    @Test
    void shouldThinkFirstAndAnswerWhatAModelWithoutThinkingAnswersWholeAndStreamed() {
        // When the same chat is asked of a model without and with a reasoning parser, whole and streamed
        JsonNode without = message(plain, CHAT + "}");
        JsonNode with = message(reasoning, CHAT + "}");
        HttpResponse<String> streamed = reasoning.post("/v1/chat/completions", CHAT + ",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");

        // Then the reasoning model thinks (counted in its tokens), then gives the same answer
        JsonNode thought = with.at("/choices/0/message");
        assertThat(thought.get("reasoning_content").asText()).isNotEmpty().doesNotContain("think>");
        assertThat(thought.get("content").asText()).isEqualTo(without.at("/choices/0/message/content").asText());
        assertThat(without.at("/choices/0/message/reasoning_content").isNull()).isTrue();
        assertThat(with.at("/usage/completion_tokens").asInt())
                .isGreaterThan(without.at("/usage/completion_tokens").asInt() + 1);
        // and the stream: thinking deltas, then answer deltas, adding up to the same, no marker anywhere
        StringBuilder reasoningText = new StringBuilder();
        StringBuilder content = new StringBuilder();
        List<String> order = new ArrayList<>();
        List<String> events = TestSim.events(streamed.body());
        for (String event : events.subList(1, events.size() - 1)) {
            JsonNode choices = json(event).get("choices");
            if (choices.isEmpty()) {
                assertThat(json(event).at("/usage/completion_tokens").asInt())
                        .isEqualTo(with.at("/usage/completion_tokens").asInt());
                continue;
            }
            JsonNode delta = choices.get(0).get("delta");
            if (delta.has("reasoning_content")) {
                reasoningText.append(delta.get("reasoning_content").asText());
                order.add("reasoning");
            }
            if (delta.has("content") && !delta.get("content").asText().isEmpty()) {
                content.append(delta.get("content").asText());
                order.add("content");
            }
        }
        assertThat(reasoningText.toString()).isEqualTo(thought.get("reasoning_content").asText());
        assertThat(content.toString()).isEqualTo(thought.get("content").asText());
        assertThat(order.indexOf("content")).isGreaterThan(order.lastIndexOf("reasoning"));
    }

    @Test
    void shouldAnswerWithoutThinkingWhenQwen3IsToldNotTo() {
        // When enable_thinking is false in the chat template's arguments
        JsonNode answer = message(reasoning, CHAT + ",\"chat_template_kwargs\":{\"enable_thinking\":false}}");

        // Then there is no thinking and the answer is the plain model's
        assertThat(answer.at("/choices/0/message/reasoning_content").isNull()).isTrue();
        assertThat(answer.at("/choices/0/message/content").asText())
                .isEqualTo(message(plain, CHAT + "}").at("/choices/0/message/content").asText());
    }

    @Test
    void shouldGiveOnlyThinkingWhenMaxTokensEndsItFirst() {
        // When the answer may have only 3 tokens
        JsonNode cut = message(reasoning, CHAT + ",\"max_tokens\":3}");

        // Then all of them are thinking and there is no content
        assertThat(cut.at("/choices/0/message/reasoning_content").asText()).isNotEmpty();
        assertThat(cut.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void shouldConstrainOnlyTheAnswerWhenAReasoningModelIsAskedForJson() {
        // When a reasoning model is asked for JSON
        JsonNode answer = message(reasoning, CHAT + ",\"response_format\":{\"type\":\"json_object\"}}");

        // Then it thinks freely and the answer is a JSON object
        assertThat(answer.at("/choices/0/message/reasoning_content").asText()).isNotEmpty();
        assertThat(json(answer.at("/choices/0/message/content").asText()).isObject()).isTrue();
    }

    @Test
    void shouldNeedEnableReasoningIn073AndPutReasoningFirst() {
        // When 0.7.3 has a reasoning parser without and with --enable-reasoning
        JsonNode off = message(legacy, CHAT + "}");
        HttpResponse<String> on = legacyEnabled.post("/v1/chat/completions", CHAT + "}");

        // Then only the enabled one thinks, in 0.7.3's field order
        assertThat(off.at("/choices/0/message/reasoning_content").isNull()).isTrue();
        assertThat(on.body()).contains("\"message\":{\"role\":\"assistant\",\"reasoning_content\":\"");
        assertThat(json(on.body()).at("/choices/0/message/content").asText()).isNotEmpty();
    }
}
