package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** vLLM 0.7.3 wire shapes compared with the recorded fixtures. */
class LegacyWireTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--sim-vllm-version", "0.7.3", "--model", "/models/Qwen2.5-7B-Instruct",
                "--served-model-name", "qwen2.5-7b-instruct", "--sim-zero-delay", "--disable-log-requests");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = LegacyWireTest.class.getResourceAsStream("/fixtures/vllm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String chat(String extra) {
        return "{\"model\":\"qwen2.5-7b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"Capital of France?\"}]"
                + extra + "}";
    }

    @Test
    void shouldMatchTheFixtureShapeWhenAnsweringAChatCompletion() throws IOException {
        // When
        HttpResponse<String> r = sim.post("/v1/chat/completions", chat(",\"max_tokens\":200"));

        // Then
        assertThat(JsonShape.of(json(r.body()))).isEqualTo(JsonShape.of(json(fixture("chat-completion.json"))));
    }

    @Test
    void shouldMatchTheFixtureEventShapesWhenStreamingAChat() throws IOException {
        // Given
        List<String> expected = events(fixture("chat-completion-stream.txt"));

        // When
        List<String> ours = events(sim.post("/v1/chat/completions",
                chat(",\"max_tokens\":200,\"stream\":true,\"stream_options\":{\"include_usage\":true}")).body());

        // Then role, content, final (EOS), usage, [DONE]
        assertThat(JsonShape.of(json(ours.get(0)))).isEqualTo(JsonShape.of(json(expected.get(0))));
        assertThat(JsonShape.of(json(ours.get(1)))).isEqualTo(JsonShape.of(json(expected.get(1))));
        int n = ours.size();
        assertThat(JsonShape.of(json(ours.get(n - 3)))).isEqualTo(JsonShape.of(json(expected.get(expected.size() - 3))));
        assertThat(json(ours.get(n - 3)).at("/choices/0/delta/content").asText()).isEmpty();
        assertThat(JsonShape.of(json(ours.get(n - 2)))).isEqualTo(JsonShape.of(json(expected.get(expected.size() - 2))));
        assertThat(ours.get(n - 1)).isEqualTo("[DONE]");
    }

    @Test
    void shouldMatchTheFixtureShapesWhenAnsweringCompletions() throws IOException {
        // When
        String body = "{\"model\":\"qwen2.5-7b-instruct\",\"prompt\":\"Paris is a\"";
        HttpResponse<String> plain = sim.post("/v1/completions", body + "}");
        List<String> stream = events(sim.post("/v1/completions", body + ",\"stream\":true,\"ignore_eos\":true,"
                + "\"stream_options\":{\"include_usage\":true}}").body());
        List<String> expected = events(fixture("completion-stream.txt"));

        // Then
        assertThat(JsonShape.of(json(plain.body()))).isEqualTo(JsonShape.of(json(fixture("completion.json"))));
        assertThat(stream).hasSize(expected.size());
        for (int i = 0; i < stream.size() - 1; i++) {
            assertThat(JsonShape.of(json(stream.get(i)))).isEqualTo(JsonShape.of(json(expected.get(i))));
        }
    }

    @Test
    void shouldProduceTheFixtureErrorBodyWhenPromptPlusMaxTokensIsTooLong() throws IOException {
        // Given a prompt rendering to 2138 bytes = 535 tokens
        String content = "z".repeat(2138 - 50);

        // When
        HttpResponse<String> r = sim.post("/v1/chat/completions", "{\"model\":\"qwen2.5-7b-instruct\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"max_tokens\":8000}");

        // Then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(fixture("error-400.json"));
    }

    @Test
    void shouldRequireTheModelAndAnswerFlatErrorsWhenEmulating073() {
        // When
        HttpResponse<String> noModel = sim.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        HttpResponse<String> unknown = sim.post("/v1/chat/completions",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        HttpResponse<String> mediaType = sim.send(HttpRequest.newBuilder(sim.uri("/v1/completions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build());

        // Then
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(JsonShape.keys(json(noModel.body()))).isEqualTo("object,message,type,param,code");
        assertThat(json(noModel.body()).get("type").asText()).isEqualTo("BadRequestError");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"object\":\"error\",\"message\":\"The model `nope` does not exist.\","
                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}");
        assertThat(mediaType.statusCode()).isEqualTo(415);
        assertThat(mediaType.body()).isEqualTo("{\"detail\":\"Unsupported Media Type: Only 'application/json' is "
                + "allowed\"}");
    }

    @Test
    void shouldMatchTheFixtureWhenListingModelsAndReportTheVersion() throws IOException {
        // When
        String models = sim.get("/v1/models").body();

        // Then
        assertThat(JsonShape.of(json(models))).isEqualTo(JsonShape.of(json(fixture("models.json"))));
        assertThat(json(models).at("/data/0/root").asText()).isEqualTo("/models/Qwen2.5-7B-Instruct");
        assertThat(sim.get("/version").body()).isEqualTo("{\"version\":\"0.7.3\"}");
        assertThat(sim.get("/load").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldLogTheV073ReadyLineWhenStarted() {
        assertThat(sim.log()).contains("api_server.py:958] Starting vLLM API server on http://127.0.0.1:"
                + sim.sim.port()).doesNotContain("(APIServer pid=").doesNotContain("Uvicorn running on");
    }

    @Test
    void shouldRefuseBestOfBelowNAndAcceptBestOfAboveItWhenEmulating073() {
        // When
        HttpResponse<String> below = sim.post("/v1/chat/completions", chat(",\"n\":2,\"best_of\":1,\"max_tokens\":2"));
        HttpResponse<String> above = sim.post("/v1/chat/completions", chat(",\"n\":1,\"best_of\":2,\"max_tokens\":2"));

        // Then
        assertThat(below.statusCode()).isEqualTo(400);
        assertThat(json(below.body()).get("message").asText())
                .isEqualTo("best_of must be greater than or equal to n, got n=2 and best_of=1.");
        assertThat(above.statusCode()).isEqualTo(200);
    }
}
