package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.events;
import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** {@code logprobs}, {@code top_logprobs} and {@code echo} over real HTTP, in vLLM 0.11's shapes. */
class LogprobsAndEchoHttpTest {

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay", "--sim-output-len-min", "4",
                "--sim-output-len-max", "6");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode post(String path, String body) {
        return json(sim.post(path, body).body());
    }

    private static List<JsonNode> chunks(String path, String body) {
        List<JsonNode> out = new ArrayList<>();
        for (String e : events(sim.post(path, body).body())) {
            if (!e.equals("[DONE]")) {
                out.add(json(e));
            }
        }
        return out;
    }

    @Test
    void shouldGiveEveryTokenItsTopCandidatesBestFirstWhenAChatAsksForLogprobs() {
        // When: the answer ends on EOS after 4 to 6 tokens
        JsonNode choice = post("/v1/chat/completions", "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"logprobs\":true,\"top_logprobs\":3}").at("/choices/0");

        // Then one entry per generated token, EOS included; the tokens spell the answer
        JsonNode content = choice.at("/logprobs/content");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(JsonShape.keys(choice.get("logprobs"))).isEqualTo("content");
        StringBuilder text = new StringBuilder();
        for (JsonNode entry : content) {
            assertThat(JsonShape.keys(entry)).isEqualTo("token,logprob,bytes,top_logprobs");
            String token = entry.get("token").asText();
            assertThat(bytes(entry.get("bytes"))).isEqualTo(token.getBytes(StandardCharsets.UTF_8));
            assertThat(entry.get("top_logprobs")).hasSize(3);
            assertThat(entry.at("/top_logprobs/0/token").asText()).isEqualTo(token);
            assertThat(entry.at("/top_logprobs/0/logprob").asDouble()).isEqualTo(entry.get("logprob").asDouble());
            assertThat(entry.at("/top_logprobs/1/logprob").asDouble()).isLessThan(entry.get("logprob").asDouble());
            assertThat(entry.at("/top_logprobs/2/logprob").asDouble())
                    .isLessThan(entry.at("/top_logprobs/1/logprob").asDouble());
            assertThat(entry.get("logprob").asDouble()).isNegative();
            text.append(token);
        }
        assertThat(content.get(content.size() - 1).get("token").asText()).isEqualTo("<|im_end|>");
        assertThat(text.toString()).isEqualTo(choice.at("/message/content").asText() + "<|im_end|>");
    }

    @Test
    void shouldStreamTheSameLogprobsOneTokenPerChunkWhenAChatStreams() {
        // Given
        String request = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                + "\"logprobs\":true,\"top_logprobs\":2,\"max_tokens\":3";
        JsonNode whole = post("/v1/chat/completions", request + "}").at("/choices/0/logprobs/content");

        // When
        List<JsonNode> chunks = chunks("/v1/chat/completions", request + ",\"stream\":true}");

        // Then the role chunk has none, each token chunk one entry, equal to the whole answer's
        assertThat(chunks.get(0).at("/choices/0/logprobs").isNull()).isTrue();
        List<JsonNode> streamed = new ArrayList<>();
        for (JsonNode chunk : chunks.subList(1, chunks.size())) {
            assertThat(chunk.at("/choices/0/logprobs/content")).hasSize(1);
            streamed.add(chunk.at("/choices/0/logprobs/content/0"));
        }
        assertThat(streamed).containsExactlyElementsOf(whole::elements);
    }

    @Test
    void shouldShowNoCandidatesWhenTopLogprobsIsLeftOutAndNoLogprobsWhenNotAsked() {
        // When
        JsonNode asked = post("/v1/chat/completions", "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"logprobs\":true,\"max_tokens\":2}").at("/choices/0/logprobs/content");
        JsonNode notAsked = post("/v1/chat/completions", "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"max_tokens\":2}").at("/choices/0/logprobs");

        // Then
        assertThat(asked).hasSize(2);
        assertThat(asked.at("/0/top_logprobs")).isEmpty();
        assertThat(notAsked.isNull()).isTrue();
    }

    @Test
    void shouldListOffsetsTokensAndTopDictsInParallelWhenACompletionAsksForLogprobs() {
        // When
        JsonNode choice = post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"Once upon\",\"max_tokens\":5,"
                + "\"logprobs\":2}").at("/choices/0");

        // Then
        JsonNode lp = choice.get("logprobs");
        assertThat(JsonShape.keys(lp)).isEqualTo("text_offset,token_logprobs,tokens,top_logprobs");
        assertThat(lp.get("tokens")).hasSize(5);
        int offset = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String token = lp.at("/tokens/" + i).asText();
            assertThat(lp.at("/text_offset/" + i).asInt()).isEqualTo(offset);
            assertThat(lp.at("/top_logprobs/" + i).size()).isEqualTo(2);
            assertThat(lp.at("/top_logprobs/" + i).get(token).asDouble())
                    .isEqualTo(lp.at("/token_logprobs/" + i).asDouble());
            offset += token.length();
            text.append(token);
        }
        assertThat(text.toString()).isEqualTo(choice.get("text").asText());
    }

    @Test
    void shouldPutThePromptAndItsLogprobsInFrontWhenACompletionEchoesTokenIds() {
        // Given token ids as lm-evaluation-harness sends them for a loglikelihood: echo, logprobs 1, one new token
        String request = "{\"model\":\"qwen\",\"prompt\":[9707,11,1879,0],\"max_tokens\":1,\"logprobs\":1,"
                + "\"echo\":true,\"temperature\":0}";

        // When
        JsonNode body = post("/v1/completions", request);

        // Then four prompt positions (the first without a logprob), then the generated one
        JsonNode lp = body.at("/choices/0/logprobs");
        assertThat(lp.get("tokens")).hasSize(5);
        assertThat(lp.at("/token_logprobs/0").isNull()).isTrue();
        assertThat(lp.at("/top_logprobs/0").isNull()).isTrue();
        for (int i = 1; i < 5; i++) {
            assertThat(lp.at("/token_logprobs/" + i).asDouble()).isNegative();
            assertThat(lp.at("/top_logprobs/" + i).size()).isEqualTo(1);
        }
        assertThat(body.at("/choices/0/text").asText()).isEqualTo(join(lp.get("tokens")));
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(1);
        assertThat(post("/v1/completions", request).at("/choices/0/logprobs")).isEqualTo(lp);
    }

    @Test
    void shouldReturnThePromptAloneWhenACompletionEchoesWithMaxTokensZero() {
        // When
        JsonNode body = post("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"The city of\",\"max_tokens\":0,"
                + "\"echo\":true,\"logprobs\":0}");
        List<JsonNode> streamed = chunks("/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"The city of\","
                + "\"max_tokens\":0,\"echo\":true,\"stream\":true}");

        // Then
        assertThat(body.at("/choices/0/text").asText()).isEqualTo("The city of");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/choices/0/logprobs/tokens")).hasSize(3);
        assertThat(join(body.at("/choices/0/logprobs/tokens"))).isEqualTo("The city of");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(1);
        assertThat(streamed).hasSize(1);
        assertThat(streamed.get(0).at("/choices/0/text").asText()).isEqualTo("The city of");
        assertThat(streamed.get(0).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void shouldEchoThePromptInTheFirstChunkOnlyWhenACompletionStreamsWithEcho() {
        // Given
        String request = "{\"model\":\"qwen\",\"prompt\":\"Hello\",\"max_tokens\":3,\"echo\":true,\"n\":2";
        JsonNode whole = post("/v1/completions", request + "}");

        // When
        List<JsonNode> chunks = chunks("/v1/completions", request + ",\"stream\":true}");

        // Then each choice streams the same text as the whole answer, the prompt once at its start
        for (int index = 0; index < 2; index++) {
            StringBuilder streamed = new StringBuilder();
            for (JsonNode chunk : chunks) {
                if (chunk.at("/choices/0/index").asInt() == index) {
                    streamed.append(chunk.at("/choices/0/text").asText());
                }
            }
            assertThat(streamed.toString()).startsWith("Hello").isEqualTo(whole.at("/choices/" + index + "/text")
                    .asText());
        }
    }

    @Test
    void shouldRepeatAContinuedAssistantMessageWhenAChatEchoesAndNothingOtherwise() {
        // Given
        String continued = "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"Name a city\"},"
                + "{\"role\":\"assistant\",\"content\":\"The city is\"}],\"add_generation_prompt\":false,"
                + "\"max_tokens\":3,\"echo\":true";

        // When
        JsonNode whole = post("/v1/chat/completions", continued + "}");
        List<JsonNode> chunks = chunks("/v1/chat/completions", continued + ",\"stream\":true}");
        JsonNode userLast = post("/v1/chat/completions", "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Name a city\"}],\"max_tokens\":3,\"echo\":true}");

        // Then: the role chunk, then the echoed message, then the tokens
        assertThat(whole.at("/choices/0/message/content").asText()).startsWith("The city is");
        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("The city is");
        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> streamed.append(c.at("/choices/0/delta/content").asText()));
        assertThat(streamed.toString()).isEqualTo(whole.at("/choices/0/message/content").asText());
        assertThat(userLast.at("/choices/0/message/content").asText()).doesNotContain("Name a city");
    }

    private static byte[] bytes(JsonNode list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) list.get(i).asInt();
        }
        return out;
    }

    private static String join(JsonNode tokens) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<JsonNode> it = tokens.elements(); it.hasNext();) {
            sb.append(it.next().asText());
        }
        return sb.toString();
    }
}
