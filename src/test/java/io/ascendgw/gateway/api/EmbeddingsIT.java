package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;

import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.OpenAiSdk;
import io.ascendgw.gateway.testing.Scrape;

/**
 * One gateway in front of a chat model and an embedding model ({@code --runner pooling}), driven by the official
 * OpenAI SDK for Java: embeddings go to the embedding model's engine, and each engine's refusals come back typed;
 * vLLM's score and rerank endpoints, which the SDK does not know, over plain HTTP.
 */
class EmbeddingsIT {

    private static final String CHAT = "qwen";
    private static final String EMBED = "bge-m3";

    @TempDir
    static Path dir;

    static GatewayProcess gateway;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = GatewayProcess.builder(dir)
                .simPool("chat", "Qwen/Qwen2.5-3B", "--sim-zero-delay")
                .property("gateway.pools.chat.served-model-name", CHAT)
                .simPool("embed", "BAAI/bge-m3", "--runner", "pooling", "--sim-embedding-dim", "16", "--sim-zero-delay")
                .property("gateway.pools.embed.served-model-name", EMBED)
                .start().awaitReady(Duration.ofSeconds(60));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(gateway.baseUrl()
                + "/v1/models").body().contains("\"" + EMBED + "\""));
        client = OpenAiSdk.client(gateway);
    }

    @AfterAll
    static void stop() {
        OpenAiSdk.close(client, gateway);
    }

    private static EmbeddingCreateParams embed(String model, List<String> inputs) {
        return EmbeddingCreateParams.builder().model(model).inputOfArrayOfStrings(inputs).build();
    }

    @Test
    void shouldEmbedThroughTheGatewayOneUnitVectorPerInputAndCountTheTokens() {
        // Given
        GatewayHttp http = new GatewayHttp(gateway.baseUrl());
        Scrape before = http.metrics();

        // When
        CreateEmbeddingResponse two = client.embeddings().create(embed(EMBED, List.of("The sea", "The sky is grey")));
        CreateEmbeddingResponse one = client.embeddings().create(embed(EMBED, List.of("The sea")));

        // Then
        assertThat(two.data()).hasSize(2);
        assertThat(two.data().get(1).index()).isEqualTo(1);
        List<Float> first = two.data().get(0).embedding();
        assertThat(first).hasSize(16);
        assertThat(first.stream().mapToDouble(f -> f * f).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-4));
        assertThat(one.data().get(0).embedding()).isEqualTo(first);
        assertThat(two.data().get(1).embedding()).isNotEqualTo(first);
        assertThat(two.usage().promptTokens()).isEqualTo(2 + 4);
        // (a request is counted once its response has gone, which the client may see first)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape after = http.metrics();
            assertThat(after.sum("gateway_requests_total", "model", EMBED, "endpoint", "embeddings", "status_class",
                    "2xx") - before.sum("gateway_requests_total", "model", EMBED, "endpoint", "embeddings",
                    "status_class", "2xx")).isEqualTo(2);
            assertThat(after.sum("gateway_prompt_tokens_total", "model", EMBED)
                    - before.sum("gateway_prompt_tokens_total", "model", EMBED)).isEqualTo(6 + 2);
        });
    }

    @Test
    void shouldRelayEachEnginesRefusalAndAnswerTheGatewaysOwnChecks() {
        // When the chat model is asked for embeddings, the embedding model for a chat, and nobody's model for either
        BadRequestException chatModel = catchThrowableOfType(BadRequestException.class,
                () -> client.embeddings().create(embed(CHAT, List.of("x"))));
        BadRequestException embeddingModel = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ChatCompletionCreateParams.builder().model(EMBED)
                        .addUserMessage("Hi").build()));
        NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
                () -> client.embeddings().create(embed("text-embedding-3-small", List.of("x"))));
        HttpResponse<String> noInput = Http.postJson(gateway.baseUrl() + "/v1/embeddings", "{\"model\":\"" + EMBED
                + "\"}");

        // Then
        assertThat(chatModel.getMessage()).contains("The model does not support Embeddings API");
        assertThat(embeddingModel.getMessage()).contains("The model does not support Chat Completions API");
        assertThat(unknown.code()).hasValue("model_not_found");
        assertThat(noInput.statusCode()).isEqualTo(400);
        assertThat(Http.error(noInput).getString("param")).isEqualTo("input");
    }

    @Test
    void shouldRelayVllmsOtherPoolingEndpointsUnderEveryPathVllmServesThemAndCountTheirTokens() {
        // Given
        GatewayHttp http = new GatewayHttp(gateway.baseUrl());
        Scrape before = http.metrics();
        String rerank = "{\"model\":\"" + EMBED + "\",\"query\":\"The sea\",\"documents\":[\"A mountain\","
                + "\"The sea\",\"A river\"],\"top_n\":2}";

        // When the embedding model's engine is asked to rerank and to score, by each path
        List<HttpResponse<String>> reranks = List.of(Http.postJson(gateway.baseUrl() + "/rerank", rerank),
                Http.postJson(gateway.baseUrl() + "/v1/rerank", rerank),
                Http.postJson(gateway.baseUrl() + "/v2/rerank", rerank));
        HttpResponse<String> score = Http.postJson(gateway.baseUrl() + "/v1/score", "{\"model\":\"" + EMBED
                + "\",\"text_1\":\"The sea\",\"text_2\":[\"The sea\",\"A river\"]}");

        // Then each comes back as the engine answered: the document equal to the query first
        for (HttpResponse<String> r : reranks) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            io.vertx.core.json.JsonArray results = new io.vertx.core.json.JsonObject(r.body()).getJsonArray("results");
            assertThat(results).hasSize(2);
            assertThat(results.getJsonObject(0).getInteger("index")).isEqualTo(1);
            assertThat(results.getJsonObject(0).getDouble("relevance_score")).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(score.statusCode()).as(score.body()).isEqualTo(200);
        io.vertx.core.json.JsonObject scored = new io.vertx.core.json.JsonObject(score.body());
        assertThat(scored.getJsonArray("data")).hasSize(2);
        // and the gateway counted them, their tokens from the engines' usage
        Scrape after = http.metrics();
        assertThat(after.sum("gateway_requests_total", "model", EMBED, "endpoint", "rerank", "status_class", "2xx")
                - before.sum("gateway_requests_total", "model", EMBED, "endpoint", "rerank", "status_class", "2xx"))
                .isEqualTo(3);
        int promptTokens = 3 * new io.vertx.core.json.JsonObject(reranks.get(0).body()).getJsonObject("usage")
                .getInteger("prompt_tokens") + scored.getJsonObject("usage").getInteger("prompt_tokens");
        assertThat(after.sum("gateway_prompt_tokens_total", "model", EMBED)
                - before.sum("gateway_prompt_tokens_total", "model", EMBED)).isEqualTo(promptTokens);
        // /pooling answers the embedding model's vectors; /classify reaches the engine, which has no classifier
        HttpResponse<String> pooled = Http.postJson(gateway.baseUrl() + "/pooling", "{\"model\":\"" + EMBED
                + "\",\"input\":\"The sea\"}");
        assertThat(pooled.statusCode()).as(pooled.body()).isEqualTo(200);
        assertThat(new io.vertx.core.json.JsonObject(pooled.body()).getJsonArray("data").getJsonObject(0)
                .getJsonArray("data")).hasSize(16);
        HttpResponse<String> classified = Http.postJson(gateway.baseUrl() + "/classify", "{\"model\":\"" + EMBED
                + "\",\"input\":\"The sea\"}");
        assertThat(classified.statusCode()).isEqualTo(400);
        assertThat(Http.error(classified).getString("message"))
                .isEqualTo("The model does not support Classification API");
        // the chat model's engine refuses, and the gateway checks what it routes on
        HttpResponse<String> chatModel = Http.postJson(gateway.baseUrl() + "/rerank", rerank.replace(EMBED, CHAT));
        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(Http.error(chatModel).getString("message")).contains("does not support Rerank");
        HttpResponse<String> noQuery = Http.postJson(gateway.baseUrl() + "/rerank", "{\"model\":\"" + EMBED
                + "\",\"documents\":[\"d\"]}");
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(Http.error(noQuery).getString("param")).isEqualTo("query");
    }
}
