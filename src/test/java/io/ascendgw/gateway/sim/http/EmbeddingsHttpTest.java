package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** {@code /v1/embeddings} of a pooling model ({@code --runner pooling}), and its refusal by a generating one. */
class EmbeddingsHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--model", "BAAI/bge-m3", "--served-model-name", "bge", "--runner", "pooling",
                "--sim-embedding-dim", "64", "--max-model-len", "64", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode embed(String body) {
        HttpResponse<String> r = sim.post("/v1/embeddings", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static double[] vector(JsonNode embedding) {
        double[] v = new double[embedding.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = embedding.get(i).asDouble();
        }
        return v;
    }

    @Test
    void shouldAnswerOneUnitVectorPerInputInVllmsShapeTheSameForTheSameInput() {
        // When
        JsonNode body = embed("{\"model\":\"bge\",\"input\":[\"The sea is blue\",\"The sky is grey\"]}");
        JsonNode again = embed("{\"model\":\"bge\",\"input\":\"The sea is blue\"}");

        // Then
        assertThat(JsonShape.keys(body)).isEqualTo("id,object,created,model,data,usage");
        assertThat(body.get("id").asText()).matches("embd-[0-9a-f]{32}");
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).hasSize(2);
        assertThat(JsonShape.keys(body.at("/data/1"))).isEqualTo("index,object,embedding");
        assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
        double[] first = vector(body.at("/data/0/embedding"));
        assertThat(first).hasSize(64);
        double norm = 0;
        for (double c : first) {
            norm += c * c;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(vector(again.at("/data/0/embedding"))).containsExactly(first);
        assertThat(vector(body.at("/data/1/embedding"))).isNotEqualTo(first);
        assertThat(body.get("usage").toString()).isEqualTo("{\"prompt_tokens\":8,\"total_tokens\":8,"
                + "\"completion_tokens\":0,\"prompt_tokens_details\":null}");
    }

    @Test
    void shouldEncodeTheSameFloat32ValuesInBase64WhenAsked() {
        // When
        JsonNode floats = embed("{\"input\":[101,2023,102]}");
        JsonNode encoded = embed("{\"input\":[[101,2023,102]],\"encoding_format\":\"base64\"}");

        // Then
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        double[] expected = vector(floats.at("/data/0/embedding"));
        assertThat(bytes.remaining()).isEqualTo(64 * 4);
        for (double c : expected) {
            assertThat((double) bytes.getFloat()).isEqualTo((double) (float) c);
        }
        assertThat(floats.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRefuseWhatVllmRefusesWithItsMessages() {
        // When / Then
        assertThat(sim.post("/v1/embeddings", "{\"model\":\"bge\"}").body()).contains("'loc': ('body', 'input')");
        assertThat(sim.post("/v1/embeddings", "{\"input\":[]}").statusCode()).isEqualTo(400);
        assertThat(json(sim.post("/v1/embeddings", "{\"model\":\"e5\",\"input\":\"x\"}").body())
                .at("/error/message").asText()).isEqualTo("The model `e5` does not exist.");
        assertThat(json(sim.post("/v1/embeddings", "{\"input\":\"x\",\"dimensions\":32}").body()).at("/error/message")
                .asText()).isEqualTo("Model \"bge\" does not support matryoshka representation, changing output "
                        + "dimensions will lead to poor results.");
        HttpResponse<String> tooLong = sim.post("/v1/embeddings", "{\"input\":\"" + "x".repeat(300) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong.body()).at("/error/message").asText()).isEqualTo("This model's maximum context "
                + "length is 64 tokens. However, you requested 75 tokens in the input for embedding generation. "
                + "Please reduce the length of the input.");
        HttpResponse<String> chat = sim.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(json(chat.body()).at("/error/message").asText())
                .isEqualTo("The model does not support Chat Completions API");
    }

    @Test
    void shouldRefuseEmbeddingsWhenTheModelGenerates() {
        try (TestSim generating = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay")) {
            // When
            HttpResponse<String> r = generating.post("/v1/embeddings", "{\"model\":\"qwen\",\"input\":\"x\"}");

            // Then
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r.body()).at("/error/message").asText()).isEqualTo("The model does not support "
                    + "Embeddings API");
        }
    }

    @Test
    void shouldAnswerPoolingWithTheSameVectorsInVllmsPoolingShapeAndRefuseClassification() {
        // When
        JsonNode embedded = embed("{\"input\":[\"The sea is blue\",\"The sky\"]}");
        HttpResponse<String> pooled = sim.post("/pooling", "{\"model\":\"bge\",\"input\":[\"The sea is blue\","
                + "\"The sky\"]}");
        HttpResponse<String> classified = sim.post("/classify", "{\"model\":\"bge\",\"input\":\"x\"}");

        // Then
        assertThat(pooled.statusCode()).as(pooled.body()).isEqualTo(200);
        JsonNode body = json(pooled.body());
        assertThat(body.get("id").asText()).matches("pool-[0-9a-f]{32}");
        assertThat(JsonShape.keys(body.at("/data/0"))).isEqualTo("index,object,data");
        assertThat(body.at("/data/1/object").asText()).isEqualTo("pooling");
        assertThat(vector(body.at("/data/1/data"))).containsExactly(vector(embedded.at("/data/1/embedding")));
        assertThat(body.get("usage")).isEqualTo(embedded.get("usage"));
        assertThat(classified.statusCode()).isEqualTo(400);
        assertThat(json(classified.body()).at("/error/message").asText())
                .isEqualTo("The model does not support Classification API");
    }
}
