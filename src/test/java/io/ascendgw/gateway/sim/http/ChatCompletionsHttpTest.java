package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** vLLM 0.11 chat completions over real HTTP against an in-process simulator. */
class ChatCompletionsHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--served-model-name", "qwen", "qwen-alias", "--sim-zero-delay",
                "--sim-output-len-min", "30", "--sim-output-len-max", "40");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String chat(String extra) {
        return "{\"model\":\"qwen-alias\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about Paris\"}]"
                + extra + "}";
    }

    @Test
    void shouldAnswerWithVllm011ShapeWhenNotStreaming() {
        // When
        HttpResponse<String> r = sim.post("/v1/chat/completions", chat(",\"max_tokens\":12,\"ignore_eos\":true"));

        // Then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("content-length")).hasValue(
                Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(r.body()).doesNotContain(" \"").doesNotContain(": ");
        JsonNode body = json(r.body());
        assertThat(JsonShape.keys(body)).isEqualTo("id,object,created,model,choices,service_tier,system_fingerprint,"
                + "usage,prompt_logprobs,prompt_token_ids,kv_transfer_params");
        assertThat(body.get("id").asText()).matches("chatcmpl-[0-9a-f]{32}");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo("qwen");
        JsonNode choice = body.get("choices").get(0);
        assertThat(JsonShape.keys(choice)).isEqualTo("index,message,logprobs,finish_reason,stop_reason,token_ids");
        assertThat(JsonShape.keys(choice.get("message"))).isEqualTo("role,content,refusal,annotations,audio,"
                + "function_call,tool_calls,reasoning_content");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = body.get("usage");
        assertThat(JsonShape.keys(usage)).isEqualTo("prompt_tokens,total_tokens,completion_tokens,"
                + "prompt_tokens_details");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(12);
        // "<|im_start|>user\nTell me about Paris<|im_end|>\n<|im_start|>assistant\n" is 69 bytes
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(18);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(30);
    }

    @Test
    void shouldStopNaturallyWithEosWhenNoMaxTokensIsGiven() {
        // When
        JsonNode body = json(sim.post("/v1/chat/completions", chat("")).body());

        // Then
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/completion_tokens").asInt()).isBetween(30, 40);
    }

    @Test
    void shouldStreamTheSameTextAsTheNonStreamingAnswerWhenTheRequestIsTheSame() {
        // Given
        String plain = sim.post("/v1/chat/completions", chat(",\"seed\":5,\"max_tokens\":25")).body();

        // When
        HttpResponse<String> r = sim.post("/v1/chat/completions",
                chat(",\"seed\":5,\"max_tokens\":25,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        // Then
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(r.headers().firstValue("content-length")).isEmpty();
        List<String> events = events(r.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonNode role = json(events.get(0));
        assertThat(role.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(JsonShape.keys(role)).isEqualTo("id,object,created,model,choices,prompt_token_ids");
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(1, events.size() - 2)) {
            JsonNode chunk = json(e);
            assertThat(chunk.get("id").asText()).isEqualTo(role.get("id").asText());
            assertThat(JsonShape.keys(chunk.at("/choices/0"))).startsWith("index,delta,logprobs,finish_reason")
                    .endsWith("token_ids");
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        JsonNode last = json(events.get(events.size() - 3));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(last.at("/choices/0").has("stop_reason")).isTrue();
        JsonNode usage = json(events.get(events.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(JsonShape.keys(usage.get("usage"))).isEqualTo("prompt_tokens,total_tokens,completion_tokens");
        JsonNode expected = json(plain);
        assertThat(text.toString()).isEqualTo(expected.at("/choices/0/message/content").asText());
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(25).isEqualTo(events.size() - 3);
    }

    @Test
    void shouldSendNoUsageChunkWhenStreamOptionsAreAbsent() {
        // When
        List<String> events = events(sim.post("/v1/chat/completions",
                chat(",\"max_tokens\":3,\"ignore_eos\":true,\"stream\":true")).body());

        // Then role + 3 tokens + [DONE]
        assertThat(events).hasSize(5);
        assertThat(events).noneMatch(e -> e.contains("\"usage\""));
    }

    @Test
    void shouldIncludeUsageWhenStreamOptionsIsAnEmptyObject() {
        // When
        List<String> events = events(sim.post("/v1/chat/completions",
                chat(",\"max_tokens\":3,\"stream\":true,\"stream_options\":{}")).body());

        // Then
        assertThat(json(events.get(events.size() - 2)).at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void shouldTruncateAtTheStopStringAndReportItWhenTheTextContainsIt() {
        // Given the unconstrained answer and a word from its middle
        String full = json(sim.post("/v1/chat/completions", chat(",\"seed\":9,\"max_tokens\":30,\"ignore_eos\":true"))
                .body()).at("/choices/0/message/content").asText();
        String[] words = full.split(" ");
        String stop = " " + words[words.length / 2];

        // When
        JsonNode body = json(sim.post("/v1/chat/completions",
                chat(",\"seed\":9,\"max_tokens\":30,\"ignore_eos\":true,\"stop\":[" + TestSim.JSON.valueToTree(stop)
                        + "]")).body());

        // Then
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/choices/0/stop_reason").asText()).isEqualTo(stop);
    }

    @Test
    void shouldReturnTwoDifferentChoicesWhenNIsTwo() {
        // When
        JsonNode body = json(sim.post("/v1/chat/completions", chat(",\"n\":2,\"max_tokens\":8")).body());
        List<String> events = events(sim.post("/v1/chat/completions",
                chat(",\"n\":2,\"max_tokens\":8,\"stream\":true")).body());

        // Then
        assertThat(body.get("choices")).hasSize(2);
        assertThat(body.at("/choices/1/index").asInt()).isEqualTo(1);
        assertThat(body.at("/choices/0/message/content").asText())
                .isNotEqualTo(body.at("/choices/1/message/content").asText());
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(16);
        assertThat(json(events.get(0)).at("/choices/0/index").asInt()).isEqualTo(0);
        assertThat(json(events.get(1)).at("/choices/0/index").asInt()).isEqualTo(1);
        assertThat(json(events.get(1)).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    }

    @Test
    void shouldUseTheCallersRequestIdWhenTheHeaderIsSet() {
        // When
        JsonNode body = json(sim.post("/v1/chat/completions", chat(",\"max_tokens\":2"), "X-Request-Id",
                "abc123").body());

        // Then
        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-abc123");
    }

    @Test
    void shouldWriteNonAsciiTextAsRawUtf8WhenTheModelProducesIt() {
        // Given: the vocabulary holds a few accented words; find a seed producing one
        for (int seed = 0; seed < 200; seed++) {
            HttpResponse<String> r = sim.post("/v1/chat/completions",
                    chat(",\"seed\":" + seed + ",\"max_tokens\":40,\"ignore_eos\":true"));
            String content = json(r.body()).at("/choices/0/message/content").asText();
            if (!content.chars().allMatch(c -> c < 128)) {
                // Then
                assertThat(r.body()).contains(content).doesNotContain("\\u00");
                return;
            }
        }
        throw new AssertionError("no non-ASCII word in 200 answers");
    }

    @Test
    void shouldDefaultTheModelToTheFirstServedNameWhenV1RequestOmitsIt() {
        // When
        HttpResponse<String> r = sim.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}");

        // Then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("model").asText()).isEqualTo("qwen");
    }
}
