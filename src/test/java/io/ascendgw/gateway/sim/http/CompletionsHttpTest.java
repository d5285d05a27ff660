package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** vLLM 0.11 {@code /v1/completions} over real HTTP. */
class CompletionsHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay", "--sim-output-len-min", "30",
                "--sim-output-len-max", "40");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void shouldGenerateSixteenTokensByDefaultWithTheV011ShapeWhenNotStreaming() {
        // When
        JsonNode body = json(sim.post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"The city of\"}").body());

        // Then
        assertThat(body.get("id").asText()).matches("cmpl-[0-9a-f]{32}");
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(JsonShape.keys(body)).isEqualTo("id,object,created,model,choices,service_tier,"
                + "system_fingerprint,usage,kv_transfer_params");
        assertThat(JsonShape.keys(body.at("/choices/0"))).isEqualTo("index,text,logprobs,finish_reason,stop_reason,"
                + "token_ids,prompt_logprobs,prompt_token_ids");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/choices/0/text").asText()).startsWith(" ");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(16);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void shouldCarryUsageNullInEveryChunkAndMatchTheNonStreamingTextWhenStreaming() {
        // Given
        String text = json(sim.post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"Once\",\"max_tokens\":7}")
                .body()).at("/choices/0/text").asText();

        // When
        List<String> events = events(sim.post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"Once\","
                + "\"max_tokens\":7,\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());

        // Then 7 token chunks, the usage chunk, [DONE]
        assertThat(events).hasSize(9);
        StringBuilder streamed = new StringBuilder();
        for (String e : events.subList(0, 7)) {
            JsonNode chunk = json(e);
            assertThat(JsonShape.keys(chunk)).isEqualTo("id,object,created,model,choices,usage");
            assertThat(chunk.get("usage").isNull()).isTrue();
            assertThat(JsonShape.keys(chunk.at("/choices/0"))).isEqualTo("index,text,logprobs,finish_reason,"
                    + "stop_reason,prompt_token_ids,token_ids");
            streamed.append(chunk.at("/choices/0/text").asText());
        }
        assertThat(json(events.get(6)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(streamed.toString()).isEqualTo(text);
        assertThat(json(events.get(7)).at("/usage/total_tokens").asInt()).isEqualTo(7 + 1);
        assertThat(events.get(8)).isEqualTo("[DONE]");
    }

    @Test
    void shouldAnswerOneChoicePerPromptAndSampleWhenGivenSeveralPrompts() {
        // When
        JsonNode body = json(sim.post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":[\"a\",\"bbbbbbbb\"],"
                + "\"n\":2,\"max_tokens\":3}").body());

        // Then indexes are prompt * n + sample, usage sums both prompts
        assertThat(body.get("choices")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(body.at("/choices/" + i + "/index").asInt()).isEqualTo(i);
        }
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(1 + 2);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void shouldAcceptTokenIdPromptsWhenThePromptIsAListOfIntegers() {
        // When
        JsonNode body = json(sim.post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":[1,2,3,4,5],"
                + "\"max_tokens\":2}").body());

        // Then
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
    }
}
