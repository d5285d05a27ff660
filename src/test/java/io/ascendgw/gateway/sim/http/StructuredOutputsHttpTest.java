package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;
import io.ascendgw.gateway.sim.structured.ScriptedText;

/**
 * vLLM's structured outputs: response_format, the guided extras and structured_outputs constrain the answer, streamed
 * or not, in the versions that read each field.
 */
class StructuredOutputsHttpTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
            + "\"year\":{\"type\":\"integer\",\"minimum\":1900,\"maximum\":2030},\"genres\":{\"type\":\"array\","
            + "\"items\":{\"enum\":[\"drama\",\"comedy\",\"noir\"]},\"minItems\":1}},"
            + "\"required\":[\"title\",\"year\",\"genres\"],\"additionalProperties\":false}";
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"A film as JSON\"}]";

    private static TestSim sim;
    private static TestSim legacy;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--model", "Qwen/Qwen2.5-3B-Instruct", "--served-model-name", "qwen", "--sim-zero-delay");
        legacy = TestSim.start("--model", "qwen", "--sim-vllm-version", "0.7.3", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() {
        sim.close();
        legacy.close();
    }

    private static JsonNode ok(TestSim target, String path, String body) {
        HttpResponse<String> r = target.post(path, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    @Test
    void shouldAnswerWithJsonTheSchemaAcceptsWhenResponseFormatIsJsonSchema() {
        // Given a chat request with OpenAI's json_schema response format, as the SDKs send it
        String body = "{\"model\":\"qwen\"," + MESSAGES + ",\"seed\":7,\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"film\",\"strict\":true,\"schema\":" + SCHEMA + "}}}";

        // When it is answered whole and streamed
        JsonNode whole = ok(sim, "/v1/chat/completions", body);
        String streamed = streamedContent(sim, "/v1/chat/completions", body.replace("\"seed\":7,",
                "\"seed\":7,\"stream\":true,\"stream_options\":{\"include_usage\":true},"));

        // Then the content is a film object the schema accepts, the answer ends on its own (EOS counted), and the
        // stream adds up to the same text
        String content = whole.at("/choices/0/message/content").asText();
        JsonNode film = json(content);
        assertThat(film.get("title").isTextual()).isTrue();
        assertThat(film.get("year").asInt()).isBetween(1900, 2030);
        assertThat(film.get("genres").size()).isPositive();
        film.get("genres").forEach(g -> assertThat(g.asText()).isIn("drama", "comedy", "noir"));
        assertThat(film.size()).isEqualTo(3);
        assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(whole.at("/usage/completion_tokens").asInt()).isEqualTo(ScriptedText.tokens(content) + 1);
        assertThat(streamed).isEqualTo(content);
    }

    @Test
    void shouldCutTheJsonWhenMaxTokensEndsTheAnswerFirst() {
        // Given a schema-constrained request whose max_tokens is shorter than the answer
        String full = "{\"model\":\"qwen\"," + MESSAGES + ",\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"film\",\"schema\":" + SCHEMA + "}}}";
        String cut = full.replace("\"model\":\"qwen\",", "\"model\":\"qwen\",\"max_tokens\":4,");

        // When both are answered
        String whole = ok(sim, "/v1/chat/completions", full).at("/choices/0/message/content").asText();
        JsonNode truncated = ok(sim, "/v1/chat/completions", cut);

        // Then the short one is the start of the same JSON, cut at the limit, as vLLM's would be
        assertThat(truncated.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(whole).startsWith(truncated.at("/choices/0/message/content").asText());
        assertThat(truncated.at("/usage/completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void shouldPickOneOfTheChoicesWhenGuidedChoiceOrStructuredOutputsChoiceIsGiven() {
        // Given completions with guided_choice (n=4) and chat with structured_outputs.choice
        JsonNode completions = ok(sim, "/v1/completions", "{\"model\":\"qwen\","
                + "\"prompt\":\"Sentiment of 'great film':\",\"n\":4,"
                + "\"guided_choice\":[\"positive\",\"negative\",\"neutral\"]}");
        JsonNode chat = ok(sim, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES
                + ",\"structured_outputs\":{\"choice\":[\"yes\",\"no\"]}}");

        // Then every answer is exactly one of the choices, with no leading space
        assertThat(completions.get("choices")).hasSize(4);
        completions.get("choices").forEach(c -> {
            assertThat(c.get("text").asText()).isIn("positive", "negative", "neutral");
            assertThat(c.get("finish_reason").asText()).isEqualTo("stop");
        });
        assertThat(chat.at("/choices/0/message/content").asText()).isIn("yes", "no");
    }

    @Test
    void shouldMatchTheRegexAndWriteAnObjectWhenAskedForThem() {
        // Given guided_regex, structured_outputs.regex, and response_format json_object
        String phone = "\\\\+86 1[3-9]\\\\d{9}";
        String guided = ok(sim, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES + ",\"guided_regex\":\""
                + phone + "\"}").at("/choices/0/message/content").asText();
        String structured = ok(sim, "/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"Call\",\"max_tokens\":50,"
                + "\"structured_outputs\":{\"regex\":\"" + phone + "\"}}").at("/choices/0/text").asText();
        String object = ok(sim, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES
                + ",\"response_format\":{\"type\":\"json_object\"}}").at("/choices/0/message/content").asText();

        // Then
        Pattern pattern = Pattern.compile("\\+86 1[3-9]\\d{9}");
        assertThat(pattern.matcher(guided).matches()).as(guided).isTrue();
        assertThat(pattern.matcher(structured).matches()).as(structured).isTrue();
        assertThat(json(object).isObject()).as(object).isTrue();
    }

    @Test
    void shouldReadEachFieldOnlyInTheVersionsThatHaveItAndRefuseAnUnknownFormat() {
        // Given 0.7.3, which has the guided extras but not structured_outputs (an unknown field there)
        String guided = ok(legacy, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES
                + ",\"guided_json\":" + SCHEMA + "}").at("/choices/0/message/content").asText();
        String ignored = ok(legacy, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES
                + ",\"structured_outputs\":{\"choice\":[\"yes\",\"no\"]}}").at("/choices/0/message/content").asText();
        // and a guided_json given as a string holding the schema, as vLLM also takes it
        String schemaAsString = TestSim.JSON.getNodeFactory().textNode(SCHEMA).toString();
        String asString = ok(sim, "/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES + ",\"guided_json\":"
                + schemaAsString + "}").at("/choices/0/message/content").asText();

        // When a response_format type is not one vLLM knows
        HttpResponse<String> unknown = sim.post("/v1/chat/completions", "{\"model\":\"qwen\"," + MESSAGES
                + ",\"response_format\":{\"type\":\"yaml\"}}");

        // Then
        assertThat(json(guided).get("year").isInt()).as(guided).isTrue();
        assertThat(ignored).isNotIn("yes", "no");
        assertThat(json(asString).get("genres").isArray()).as(asString).isTrue();
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).at("/error/message").asText()).contains("response_format")
                .contains("Input should be 'text', 'json_object', 'json_schema' or 'structural_tag'");
    }

    @Test
    void shouldAnswerTheResponsesApiInTheSchemaItsTextFormatNamesAndEchoTheFormat() {
        // Given a Responses API request whose text.format is a JSON schema, and one with an unknown format
        String body = "{\"model\":\"qwen\",\"input\":\"A film as JSON\",\"text\":{\"format\":{\"type\":"
                + "\"json_schema\",\"name\":\"film\",\"strict\":true,\"schema\":" + SCHEMA + "}}}";

        // When they are answered
        JsonNode response = ok(sim, "/v1/responses", body);
        HttpResponse<String> unknown = sim.post("/v1/responses", "{\"model\":\"qwen\",\"input\":\"x\","
                + "\"text\":{\"format\":{\"type\":\"yaml\"}}}");

        // Then the output text is a film the schema accepts, and the response repeats the format it was given
        JsonNode film = json(response.at("/output/0/content/0/text").asText());
        assertThat(film.get("year").asInt()).isBetween(1900, 2030);
        assertThat(response.at("/text/format/name").asText()).isEqualTo("film");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).at("/error/message").asText()).contains("'yaml'");
    }

    private static String streamedContent(TestSim target, String path, String body) {
        HttpResponse<String> r = target.post(path, body);
        assertThat(r.statusCode()).isEqualTo(200);
        StringBuilder content = new StringBuilder();
        List<String> events = TestSim.events(r.body());
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode delta = json(event).at("/choices/0/delta/content");
            if (delta.isTextual()) {
                content.append(delta.asText());
            }
        }
        return content.toString();
    }
}
