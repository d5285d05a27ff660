package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.JsonShape;
import io.ascendgw.gateway.sim.TestSim;

/** OpenAI's Responses API as vLLM 0.10+ serves it for a model without Harmony, and what it refuses. */
class ResponsesHttpTest {

    private static final String INPUT = "\"instructions\":\"Be brief\",\"input\":[{\"type\":\"message\","
            + "\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"Describe the harbour of Marseille\"}]}]";

    private static TestSim sim;

    @BeforeAll
    static void start() {
        sim = TestSim.start("--served-model-name", "qwen", "--sim-zero-delay", "--max-model-len", "256",
                "--enable-prefix-caching");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> create(String fields) {
        return sim.post("/v1/responses", "{\"model\":\"qwen\"," + fields + "}");
    }

    /** A typed SSE event: its {@code event:} line and its {@code data:} object. */
    private record TypedEvent(String type, JsonNode data) {
    }

    private static List<TypedEvent> typedEvents(String body) {
        assertThat(body).endsWith("\n\n").doesNotContain("[DONE]");
        List<TypedEvent> out = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            String[] lines = event.split("\n", -1);
            assertThat(lines).as(event).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            out.add(new TypedEvent(lines[0].substring(7), json(lines[1].substring(6))));
        }
        return out;
    }

    @Test
    void shouldAnswerAResponseObjectWithTheSameTextAndTokensAsTheEquivalentChat() {
        // When
        HttpResponse<String> r = create(INPUT + ",\"max_output_tokens\":9,\"user\":\"u1\"");
        HttpResponse<String> chat = sim.post("/v1/chat/completions", "{\"model\":\"qwen\",\"max_tokens\":9,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\","
                + "\"content\":\"Describe the harbour of Marseille\"}]}");

        // Then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = json(r.body());
        assertThat(JsonShape.keys(body)).isEqualTo("id,created_at,incomplete_details,instructions,metadata,model,"
                + "object,output,parallel_tool_calls,temperature,tool_choice,tools,top_p,background,max_output_tokens,"
                + "max_tool_calls,previous_response_id,prompt,reasoning,service_tier,status,text,top_logprobs,"
                + "truncation,usage,user");
        assertThat(body.get("id").asText()).matches("resp_[0-9a-f]{32}");
        assertThat(body.get("object").asText()).isEqualTo("response");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("instructions").asText()).isEqualTo("Be brief");
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(9);
        assertThat(body.get("user").asText()).isEqualTo("u1");
        assertThat(body.get("output")).hasSize(1);
        JsonNode message = body.at("/output/0");
        assertThat(JsonShape.keys(message)).isEqualTo("id,content,role,status,type");
        assertThat(message.get("id").asText()).matches("msg_[0-9a-f]{32}");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
        JsonNode answer = json(chat.body());
        assertThat(message.at("/content/0/text").asText()).isEqualTo(answer.at("/choices/0/message/content").asText());
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(answer.at("/usage/prompt_tokens").asInt());
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(9);
        assertThat(body.at("/usage/total_tokens").asInt())
                .isEqualTo(body.at("/usage/input_tokens").asInt() + 9);
        assertThat(body.at("/usage/output_tokens_details/reasoning_tokens").asInt()).isZero();
    }

    @Test
    void shouldStreamTypedEventsNumberedInOrderEndingWithTheCompletedResponse() {
        // Given
        String whole = json(create(INPUT + ",\"max_output_tokens\":7").body()).at("/output/0/content/0/text").asText();

        // When
        HttpResponse<String> r = create(INPUT + ",\"max_output_tokens\":7,\"stream\":true");

        // Then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<TypedEvent> events = typedEvents(r.body());
        List<String> types = events.stream().map(TypedEvent::type).toList();
        assertThat(types.subList(0, 4)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added");
        assertThat(types.subList(types.size() - 4, types.size())).containsExactly("response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(types.stream().filter("response.output_text.delta"::equals)).hasSize(7);
        StringBuilder deltas = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i).data();
            assertThat(data.get("type").asText()).isEqualTo(events.get(i).type());
            assertThat(data.get("sequence_number").asInt()).isEqualTo(i);
            assertThat(data.path("content_index").asInt(0)).as("one part, at index 0").isZero();
            if (events.get(i).type().equals("response.output_text.delta")) {
                deltas.append(data.get("delta").asText());
            }
        }
        assertThat(deltas).hasToString(whole);
        JsonNode created = events.get(0).data().get("response");
        assertThat(created.get("status").asText()).isEqualTo("in_progress");
        assertThat(created.get("output")).isEmpty();
        assertThat(created.get("usage").isNull()).isTrue();
        String itemId = events.get(2).data().at("/item/id").asText();
        assertThat(events.get(4).data().get("item_id").asText()).isEqualTo(itemId);
        assertThat(events.get(events.size() - 4).data().get("text").asText()).isEqualTo(whole);
        JsonNode completed = events.get(events.size() - 1).data().get("response");
        assertThat(completed.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo(whole);
        assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void shouldReportThePrefixCacheHitOfARepeatedInput() {
        // Given
        String input = "\"input\":\"" + "Repeat after me the tale of the old harbour. ".repeat(12) + "\"";
        create(input + ",\"max_output_tokens\":2");

        // When
        JsonNode again = json(create(input + ",\"max_output_tokens\":2").body());

        // Then
        assertThat(again.at("/usage/input_tokens_details/cached_tokens").asInt()).isPositive()
                .isLessThanOrEqualTo(again.at("/usage/input_tokens").asInt());
    }

    @Test
    void shouldRefuseWhatVllmRefusesWithoutHarmonyOrAStore() {
        // When / Then: the input is required
        HttpResponse<String> missing = create("\"max_output_tokens\":2");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).at("/error/message").asText()).contains("'input'").contains("Field required");

        // tools need Harmony (gpt-oss)
        HttpResponse<String> tools = create("\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"}]");
        assertThat(tools.statusCode()).isEqualTo(400);
        assertThat(json(tools.body()).at("/error/message").asText())
                .startsWith("Tool use is not supported in Responses API without Harmony");

        // nothing is stored, so nothing can be continued, fetched or cancelled
        HttpResponse<String> continued = create("\"input\":\"hi\",\"previous_response_id\":\"resp_abc\"");
        assertThat(continued.statusCode()).isEqualTo(404);
        assertThat(json(continued.body()).at("/error/message").asText())
                .isEqualTo("Response with id 'resp_abc' not found.");
        assertThat(json(continued.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(sim.get("/v1/responses/resp_abc").statusCode()).isEqualTo(404);
        assertThat(sim.post("/v1/responses/resp_abc/cancel", "").statusCode()).isEqualTo(404);
        assertThat(sim.get("/v1/responses/resp_abc/other").statusCode()).isEqualTo(404);
        HttpResponse<String> background = create("\"input\":\"hi\",\"background\":true");
        assertThat(background.statusCode()).isEqualTo(400);
        assertThat(json(background.body()).at("/error/message").asText()).contains("VLLM_ENABLE_RESPONSES_API_STORE");

        // the model, the context and the method
        assertThat(sim.post("/v1/responses", "{\"model\":\"other\",\"input\":\"hi\"}").statusCode()).isEqualTo(404);
        HttpResponse<String> tooLong = create("\"input\":\"" + "word ".repeat(400) + "\"");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong.body()).at("/error/message").asText()).contains("exceeds the max_model_len 256");
        assertThat(sim.get("/v1/responses").statusCode()).isEqualTo(405);
    }

    @Test
    void shouldKeepContinueAndReturnResponsesWhenTheStoreIsOn() {
        try (TestSim stored = TestSim.startWithEnvironment(java.util.Map.of("VLLM_ENABLE_RESPONSES_API_STORE", "1"),
                "--served-model-name", "qwen", "--sim-zero-delay")) {
            // Given a stored response
            HttpResponse<String> first = stored.post("/v1/responses",
                    "{\"input\":\"Name a port\",\"max_output_tokens\":6}");
            JsonNode answer = json(first.body());
            String id = answer.get("id").asText();
            String firstText = answer.at("/output/0/content/0/text").asText();

            // When it is read back, continued, cancelled, and one is asked not to be stored
            HttpResponse<String> read = stored.get("/v1/responses/" + id);
            HttpResponse<String> next = stored.post("/v1/responses", "{\"input\":\"And a river\","
                    + "\"max_output_tokens\":6,\"previous_response_id\":\"" + id + "\"}");
            HttpResponse<String> chat = stored.post("/v1/chat/completions", "{\"max_tokens\":6,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"Name a port\"},{\"role\":\"assistant\",\"content\":"
                    + TestSim.JSON.valueToTree(firstText) + "},{\"role\":\"user\",\"content\":\"And a river\"}]}");
            HttpResponse<String> cancel = stored.post("/v1/responses/" + id + "/cancel", "");
            String streamed = stored.post("/v1/responses", "{\"input\":\"Name a sea\",\"stream\":true,"
                    + "\"max_output_tokens\":3}").body();
            JsonNode streamedResponse = json(streamed.substring(streamed.lastIndexOf("data: ") + 6)).get("response");
            JsonNode unstored = json(stored.post("/v1/responses", "{\"input\":\"x\",\"store\":false,"
                    + "\"max_output_tokens\":2}").body());

            // Then the store holds each response as answered, and a continuation sees the conversation so far
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(first.body());
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            JsonNode continued = json(next.body());
            assertThat(continued.get("previous_response_id").asText()).isEqualTo(id);
            JsonNode chatAnswer = json(chat.body());
            assertThat(continued.at("/output/0/content/0/text").asText())
                    .isEqualTo(chatAnswer.at("/choices/0/message/content").asText());
            assertThat(continued.at("/usage/input_tokens").asInt())
                    .isEqualTo(chatAnswer.at("/usage/prompt_tokens").asInt());
            assertThat(cancel.statusCode()).isEqualTo(400);
            assertThat(json(cancel.body()).at("/error/message").asText())
                    .isEqualTo("Cannot cancel a synchronous response.");
            assertThat(json(stored.get("/v1/responses/" + streamedResponse.get("id").asText()).body()))
                    .isEqualTo(streamedResponse);
            assertThat(stored.get("/v1/responses/" + unstored.get("id").asText()).statusCode()).isEqualTo(404);
            assertThat(stored.post("/v1/responses", "{\"input\":\"x\",\"previous_response_id\":\"resp_gone\"}")
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldNotExistInVllm073() {
        try (TestSim legacy = TestSim.start("--sim-vllm-version", "0.7.3", "--served-model-name", "qwen")) {
            // When
            HttpResponse<String> r = legacy.post("/v1/responses", "{\"model\":\"qwen\",\"input\":\"hi\"}");

            // Then
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"detail\":\"Not Found\"}");
            assertThat(legacy.get("/v1/responses/resp_abc").statusCode()).isEqualTo(404);
        }
    }
}
