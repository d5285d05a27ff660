package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;

/** Validation errors, status codes and bodies of vLLM 0.11 (nested errors). */
class ErrorsHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--served-model-name", "qwen", "--max-model-len", "100", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> chat(String body) {
        return sim.post("/v1/chat/completions", body);
    }

    @Test
    void shouldAnswer404NotFoundErrorWhenTheModelIsUnknown() {
        // When
        HttpResponse<String> r = chat("{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        // Then
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":{\"message\":\"The model `gpt-4` does not exist.\","
                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}}");
    }

    @Test
    void shouldAnswer400WhenThePromptFillsTheContext() {
        // When: 400 bytes of content -> over 100 tokens
        HttpResponse<String> r = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "y".repeat(400) + "\"}]}");

        // Then
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("BadRequestError");
        assertThat(error.get("message").asText()).isEqualTo("This model's maximum context length is 100 tokens. "
                + "However, your request has 113 input tokens. Please reduce the length of the input messages.");
    }

    @Test
    void shouldAnswer400WhenPromptPlusMaxTokensExceedsTheContext() {
        // When: a 13-token prompt asks for 95 more
        HttpResponse<String> r = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":95}");

        // Then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/error/message").asText()).isEqualTo("'max_tokens' or 'max_completion_tokens' "
                + "is too large: 95. This model's maximum context length is 100 tokens and your request has 13 input "
                + "tokens (95 > 100 - 13).");
    }

    @Test
    void shouldAnswer400BadRequestWhenFieldsHaveWrongTypesOrAreMissing() {
        // When
        HttpResponse<String> badType = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"max_tokens\":\"many\"}");
        HttpResponse<String> missing = chat("{\"model\":\"qwen\"}");
        HttpResponse<String> notJson = chat("{\"model\":");

        // Then
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(json(badType.body()).at("/error/type").asText()).isEqualTo("Bad Request");
        assertThat(json(badType.body()).at("/error/message").asText()).contains("'max_tokens'")
                .contains("valid integer");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).at("/error/message").asText()).contains("'missing'").contains("'messages'");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer400WhenStreamOptionsComeWithoutStreaming() {
        // When
        HttpResponse<String> r = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"stream_options\":{\"include_usage\":true}}");

        // Then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/error/message").asText())
                .contains("Stream options can only be defined when `stream=True`.");
    }

    @Test
    void shouldAnswer400WithVllmsMessageWhenSamplingParametersAreOutOfRange() {
        String base = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],";
        assertThat(json(chat(base + "\"temperature\":-1}").body()).at("/error/message").asText())
                .isEqualTo("temperature must be non-negative, got -1.0.");
        assertThat(json(chat(base + "\"n\":0}").body()).at("/error/message").asText())
                .isEqualTo("n must be at least 1, got 0.");
        assertThat(json(chat(base + "\"top_p\":1.5}").body()).at("/error/message").asText())
                .isEqualTo("top_p must be in (0, 1], got 1.5.");
        HttpResponse<String> maxTokens = chat(base + "\"max_tokens\":0}");
        assertThat(maxTokens.statusCode()).isEqualTo(400);
        assertThat(json(maxTokens.body()).at("/error/message").asText()).isEqualTo("max_tokens must be at least 1, got 0.");
    }

    @Test
    void shouldAnswer415WhenTheContentTypeIsNotJson() {
        // When
        HttpResponse<String> r = sim.send(HttpRequest.newBuilder(sim.uri("/v1/chat/completions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        // Then
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).isEqualTo("{\"error\":{\"message\":\"Unsupported Media Type: Only 'application/json' is "
                + "allowed\",\"type\":\"Unsupported Media Type\",\"param\":null,\"code\":415}}");
    }

    @Test
    void shouldAnswerFastApiDefaultsWhenRouteOrMethodIsUnknown() {
        // When
        HttpResponse<String> unknown = sim.get("/v1/nothing");
        HttpResponse<String> wrongMethod = sim.get("/v1/chat/completions");

        // Then
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
    }

    @Test
    void shouldSendAnInBandErrorWhenStreamingAskesForTooManyLogprobs() {
        // When
        HttpResponse<String> r = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"stream\":true,\"logprobs\":true,\"top_logprobs\":30}");
        HttpResponse<String> plain = chat("{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"logprobs\":true,\"top_logprobs\":30}");

        // Then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("data: {\"error\": {\"message\": \"Requested sample logprobs of 30, which is "
                + "greater than max allowed: 20\", \"type\": \"BadRequestError\", \"param\": null, \"code\": 400}}"
                + "\n\ndata: [DONE]\n\n");
        assertThat(plain.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseAutoToolChoiceUnlessStartedWithEnableAutoToolChoice() {
        // Given
        String body = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":2,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],"
                + "\"tool_choice\":\"auto\"}";

        // When
        HttpResponse<String> refused = chat(body);
        HttpResponse<String> accepted;
        HttpResponse<String> none;
        // (engines with room for the tool definitions, which take more than this class's 100-token context)
        try (TestSim tools = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay",
                "--enable-auto-tool-choice", "--tool-call-parser", "hermes");
                TestSim noTools = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay")) {
            accepted = tools.post("/v1/chat/completions", body);
            none = noTools.post("/v1/chat/completions", body.replace("\"auto\"", "\"none\""));
        }

        // Then
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).at("/error/message").asText()).isEqualTo("\"auto\" tool choice requires "
                + "--enable-auto-tool-choice and --tool-call-parser to be set");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(none.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseBestOfInTheEngineAndTwoGuidedOptionsInTheSchema() {
        // Given
        String base = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":2,";

        // When
        HttpResponse<String> bestOf = chat(base + "\"best_of\":2}");
        HttpResponse<String> bestOfStreamed = chat(base + "\"best_of\":2,\"stream\":true}");
        HttpResponse<String> guided = chat(base + "\"guided_json\":{},\"guided_regex\":\"a+\"}");

        // Then
        assertThat(bestOf.statusCode()).isEqualTo(400);
        assertThat(json(bestOf.body()).at("/error/message").asText()).isEqualTo("vLLM V1 does not yet support best_of.");
        assertThat(bestOfStreamed.statusCode()).isEqualTo(200);
        assertThat(bestOfStreamed.body()).startsWith("data: {\"error\": {\"message\": \"vLLM V1 does not yet support "
                + "best_of.\"").endsWith("data: [DONE]\n\n");
        assertThat(chat(base + "\"best_of\":1}").statusCode()).isEqualTo(200);
        assertThat(guided.statusCode()).isEqualTo(400);
        assertThat(json(guided.body()).at("/error/message").asText()).contains("You can only use one kind of guided "
                + "decoding ('guided_json', 'guided_regex' or 'guided_choice').");
        assertThat(chat(base + "\"guided_json\":{},\"guided_regex\":null}").statusCode()).isEqualTo(200);
    }
}
