package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;

/** Health, version, models, metrics, load, tokenize, API key and request-id headers (vLLM 0.11). */
class InfoEndpointsHttpTest {

    @Test
    void shouldAnswerProbesAndInfoRoutesWhenHealthy() {
        try (TestSim sim = TestSim.start("--model", "/models/q", "--served-model-name", "a", "b", "--max-model-len",
                "4096", "--enable-server-load-tracking", "--sim-zero-delay")) {
            // When
            HttpResponse<String> health = sim.get("/health");
            HttpResponse<String> metrics = sim.get("/metrics");
            String models = sim.get("/v1/models").body();

            // Then
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEmpty();
            assertThat(health.headers().firstValue("server")).hasValue("uvicorn");
            assertThat(health.headers().firstValue("date")).isPresent();
            assertThat(sim.get("/ping").statusCode()).isEqualTo(200);
            assertThat(sim.get("/version").body()).isEqualTo("{\"version\":\"0.11.0\"}");
            assertThat(sim.get("/load").body()).isEqualTo("{\"server_load\":0}");
            assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; "
                    + "charset=utf-8");
            assertThat(metrics.body()).contains("vllm:num_requests_running{engine=\"0\",model_name=\"a\"} 0.0");
            assertThat(json(models).get("data")).hasSize(2);
            assertThat(json(models).at("/data/1/id").asText()).isEqualTo("b");
            assertThat(json(models).at("/data/1/root").asText()).isEqualTo("/models/q");
            assertThat(json(models).at("/data/0/max_model_len").asInt()).isEqualTo(4096);
            assertThat(json(models).at("/data/0/permission/0/id").asText()).matches("modelperm-[0-9a-f]{32}");
            assertThat(json(sim.post("/tokenize", "{\"prompt\":\"abcdefgh!\"}").body()).get("count").asInt())
                    .isEqualTo(3);
            assertThat(sim.log()).contains("Starting vLLM API server 0 on http://127.0.0.1:" + sim.sim.port())
                    .contains("(APIServer pid=").contains("INFO:     Application startup complete.");
        }
    }

    @Test
    void shouldDetokenizeWhatItTokenizedAndRefuseAnUnknownModel() {
        try (TestSim sim = TestSim.start("--served-model-name", "a", "--sim-zero-delay")) {
            // When
            JsonNode tokenized = json(sim.post("/tokenize", "{\"model\":\"a\",\"prompt\":\"Grüße aus Zürich!\"}").body());
            HttpResponse<String> detokenized = sim.post("/detokenize", "{\"model\":\"a\",\"tokens\":"
                    + tokenized.get("tokens") + "}");
            JsonNode chat = json(sim.post("/tokenize", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body());
            HttpResponse<String> unknown = sim.post("/tokenize", "{\"model\":\"b\",\"prompt\":\"x\"}");
            HttpResponse<String> noTokens = sim.post("/detokenize", "{\"model\":\"a\"}");

            // Then
            assertThat(tokenized.get("count").asInt()).isEqualTo(tokenized.get("tokens").size()).isEqualTo(5);
            assertThat(detokenized.statusCode()).isEqualTo(200);
            assertThat(detokenized.body()).isEqualTo("{\"prompt\":\"Grüße aus Zürich!\"}");
            assertThat(chat.get("count").asInt()).isEqualTo(13); // the ChatML-rendered prompt, 52 bytes
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown.body()).at("/error/message").asText()).isEqualTo("The model `b` does not exist.");
            assertThat(noTokens.statusCode()).isEqualTo(400);
            assertThat(json(noTokens.body()).at("/error/message").asText()).contains("'loc': ('body', 'tokens')");
        }
    }

    @Test
    void shouldRequireTheApiKeyOnV1RoutesOnlyWhenOneIsConfigured() {
        try (TestSim sim = TestSim.start("--api-key", "s3cret", "--sim-zero-delay")) {
            // When
            HttpResponse<String> without = sim.get("/v1/models");
            HttpResponse<String> wrong = sim.send(HttpRequest.newBuilder(sim.uri("/v1/models"))
                    .header("Authorization", "Bearer nope").build());
            HttpResponse<String> right = sim.send(HttpRequest.newBuilder(sim.uri("/v1/models"))
                    .header("Authorization", "Bearer s3cret").build());

            // Then
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(sim.get("/health").statusCode()).isEqualTo(200);
            assertThat(sim.get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldEchoRequestIdsAndReportCachedTokensWhenThoseFlagsAreOn() {
        try (TestSim sim = TestSim.start("--enable-request-id-headers", "--enable-prompt-tokens-details",
                "--block-size", "16", "--sim-zero-delay")) {
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "long shared context ".repeat(20)
                    + "\"}],\"max_tokens\":2}";

            // When the same long prompt is sent twice
            HttpResponse<String> first = sim.post("/v1/chat/completions", body, "X-Request-Id", "r-1");
            HttpResponse<String> second = sim.post("/v1/chat/completions", body);

            // Then 450 bytes = 113 tokens = 7 full blocks of 16, all cached the second time
            assertThat(first.headers().firstValue("x-request-id")).hasValue("r-1");
            assertThat(second.headers().firstValue("x-request-id").orElseThrow()).matches("[0-9a-f]{32}");
            assertThat(json(first.body()).at("/usage/prompt_tokens_details").isNull()).isTrue();
            assertThat(json(second.body()).at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(112);
        }
    }
}
