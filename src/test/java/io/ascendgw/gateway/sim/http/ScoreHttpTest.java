package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** vLLM's score and rerank endpoints on an embedding model (cosine similarity), and their refusals. */
class ScoreHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--model", "BAAI/bge-m3", "--served-model-name", "bge", "--runner", "pooling",
                "--sim-embedding-dim", "64", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode ok(String path, String body) {
        HttpResponse<String> r = sim.post(path, body);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static List<Double> scores(JsonNode body) {
        List<Double> out = new ArrayList<>();
        body.get("data").forEach(d -> out.add(d.get("score").asDouble()));
        return out;
    }

    @Test
    void shouldScoreOneTextAgainstEachOtherOrPairwiseWithTheCosineOfTheirEmbeddings() {
        // When
        JsonNode oneToMany = ok("/score", "{\"model\":\"bge\",\"text_1\":\"The harbour\",\"text_2\":[\"The harbour\","
                + "\"A mountain\",\"A river\"]}");
        JsonNode pairwise = ok("/v1/score", "{\"text_1\":[\"The harbour\",\"A mountain\"],\"text_2\":[\"A river\","
                + "\"A river\"]}");
        JsonNode single = ok("/score", "{\"text_1\":\"A mountain\",\"text_2\":\"A river\"}");

        // Then
        assertThat(JsonShape.keys(oneToMany)).isEqualTo("id,object,created,model,data,usage");
        assertThat(oneToMany.get("id").asText()).matches("score-[0-9a-f]{32}");
        assertThat(oneToMany.get("model").asText()).isEqualTo("bge");
        assertThat(JsonShape.keys(oneToMany.at("/data/0"))).isEqualTo("index,object,score");
        assertThat(oneToMany.at("/data/2/index").asInt()).isEqualTo(2);
        assertThat(oneToMany.at("/data/1/object").asText()).isEqualTo("score");
        List<Double> first = scores(oneToMany);
        assertThat(first.get(0)).as("a text against itself").isCloseTo(1.0, within(1e-6));
        assertThat(first.subList(1, 3)).allSatisfy(s -> assertThat(s).isBetween(-1.0, 0.99));
        List<Double> pairs = scores(pairwise);
        assertThat(pairs.get(1)).isEqualTo(scores(single).get(0));
        assertThat(pairs.get(0)).isEqualTo(ok("/score", "{\"text_1\":[\"The harbour\"],\"text_2\":[\"A river\"]}")
                .at("/data/0/score").asDouble());
        assertThat(oneToMany.at("/usage/prompt_tokens").asInt()).isPositive()
                .isEqualTo(oneToMany.at("/usage/total_tokens").asInt());
        assertThat(oneToMany.at("/usage/completion_tokens").asInt()).isZero();
    }

    @Test
    void shouldRankDocumentsBestFirstKeepingTheirIndexAndTextAndCutToTopN() {
        // Given documents, one of them the query itself
        String documents = "[\"A mountain\",\"Ships in the old port\",\"The harbour of Marseille\",\"A river\"]";

        // When
        JsonNode all = ok("/rerank", "{\"model\":\"bge\",\"query\":\"The harbour of Marseille\",\"documents\":"
                + documents + "}");
        JsonNode top = ok("/v2/rerank", "{\"query\":\"The harbour of Marseille\",\"documents\":" + documents
                + ",\"top_n\":2}");

        // Then
        assertThat(JsonShape.keys(all)).isEqualTo("id,model,usage,results");
        assertThat(all.get("id").asText()).matches("rerank-[0-9a-f]{32}");
        JsonNode results = all.get("results");
        assertThat(results).hasSize(4);
        assertThat(JsonShape.keys(results.get(0))).isEqualTo("index,document,relevance_score");
        assertThat(results.get(0).get("index").asInt()).isEqualTo(2);
        assertThat(results.get(0).at("/document/text").asText()).isEqualTo("The harbour of Marseille");
        assertThat(results.get(0).get("relevance_score").asDouble()).isCloseTo(1.0, within(1e-6));
        for (int i = 1; i < results.size(); i++) {
            assertThat(results.get(i).get("relevance_score").asDouble())
                    .isLessThanOrEqualTo(results.get(i - 1).get("relevance_score").asDouble());
        }
        List<Integer> indexes = new ArrayList<>();
        results.forEach(r -> indexes.add(r.get("index").asInt()));
        assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(top.get("results")).hasSize(2);
        assertThat(top.get("results").get(1)).isEqualTo(results.get(1));
        assertThat(all.at("/usage/prompt_tokens").asInt()).isEqualTo(all.at("/usage/total_tokens").asInt())
                .isPositive();
        assertThat(ok("/v1/rerank", "{\"query\":\"q\",\"documents\":[\"d\"]}").get("results")).hasSize(1);
    }

    @Test
    void shouldRefuseWhatVllmRefuses() {
        // When / Then
        HttpResponse<String> lengths = sim.post("/score", "{\"text_1\":[\"a\",\"b\"],\"text_2\":[\"c\",\"d\",\"e\"]}");
        assertThat(lengths.statusCode()).isEqualTo(400);
        assertThat(json(lengths.body()).at("/error/message").asText())
                .isEqualTo("Input lengths must be either 1:1, 1:N or N:N");
        HttpResponse<String> missing = sim.post("/score", "{\"text_1\":\"a\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).at("/error/message").asText()).contains("'text_2'").contains("Field required");
        assertThat(sim.post("/rerank", "{\"documents\":[\"d\"]}").statusCode()).isEqualTo(400);
        assertThat(sim.post("/rerank", "{\"query\":\"q\",\"documents\":[]}").statusCode()).isEqualTo(400);
        assertThat(sim.post("/rerank", "{\"model\":\"other\",\"query\":\"q\",\"documents\":[\"d\"]}").statusCode())
                .isEqualTo(404);
        assertThat(sim.get("/rerank").statusCode()).isEqualTo(405);
        try (TestSim generating = TestSim.start("--served-model-name", "qwen")) {
            HttpResponse<String> score = generating.post("/score", "{\"text_1\":\"a\",\"text_2\":\"b\"}");
            assertThat(score.statusCode()).isEqualTo(400);
            assertThat(json(score.body()).at("/error/message").asText())
                    .isEqualTo("The model does not support Score API");
            HttpResponse<String> rerank = generating.post("/rerank", "{\"query\":\"q\",\"documents\":[\"d\"]}");
            assertThat(json(rerank.body()).at("/error/message").asText())
                    .isEqualTo("The model does not support Rerank (Score) API");
        }
    }
}
