package io.ascendgw.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.proxy.EngineErrors;
import io.ascendgw.gateway.testing.Fixtures;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.vertx.core.buffer.Buffer;

/**
 * The schemas at work: the spec's own examples, vLLM's recorded answers and the gateway's own error bodies validate;
 * malformed bodies do not.
 */
class OpenApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String COMPLETIONS = "/v1/completions";

    private static OpenApiSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = OpenApiSchemas.load();
    }

    @Test
    void shouldValidateEveryExampleWhenCheckedAgainstItsOwnSchema() throws JsonProcessingException {
        // Given every example of every request body and response in the spec
        OpenAPI api = schemas.api();
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (var path : api.getPaths().entrySet()) {
            for (var operation : path.getValue().readOperationsMap().entrySet()) {
                String method = operation.getKey().name();
                var body = operation.getValue().getRequestBody();
                if (body != null && body.getContent() != null) {
                    for (var media : body.getContent().entrySet()) {
                        for (String example : examples(media.getValue())) {
                            checked.add(method + " " + path.getKey() + " request");
                            // When each is validated as what it illustrates
                            problems.addAll(schemas.validateRequest(path.getKey(), method, media.getKey(), example,
                                    Map.of("Authorization", "Bearer admin-key")));
                        }
                    }
                }
                for (var status : operation.getValue().getResponses().entrySet()) {
                    ApiResponse response = resolve(api, status.getValue());
                    if (response.getContent() == null) {
                        continue;
                    }
                    for (var media : response.getContent().entrySet()) {
                        for (String example : examples(media.getValue())) {
                            checked.add(method + " " + path.getKey() + " " + status.getKey() + " " + media.getKey());
                            problems.addAll(schemas.validateResponse(path.getKey(), method,
                                    Integer.parseInt(status.getKey()), media.getKey(), example));
                        }
                    }
                }
            }
        }

        // Then all are valid, streams included
        assertThat(problems).isEmpty();
        assertThat(checked).hasSizeGreaterThan(25)
                .contains("POST /v1/chat/completions 200 text/event-stream", "GET /admin/engines 200 application/json");
    }

    @Test
    void shouldAcceptVllmAnswersWhenRelayedAsRecorded() {
        // Given vLLM's recorded answers (the gateway relays bodies unchanged)
        // When each is validated as the gateway's response, Then it is valid
        schemas.requireValidResponse(CHAT, "POST", 200, Fixtures.text("vllm/chat-completion.json"));
        schemas.requireValidResponse(COMPLETIONS, "POST", 200, Fixtures.text("vllm/completion.json"));
        schemas.requireValidResponse("/v1/models", "GET", 200, Fixtures.text("vllm/models.json"));
        schemas.requireValidResponse(CHAT, "POST", 200, "text/event-stream; charset=utf-8",
                Fixtures.text("vllm/chat-completion-stream.txt"));
        schemas.requireValidResponse(COMPLETIONS, "POST", 200, "text/event-stream; charset=utf-8",
                Fixtures.text("vllm/completion-stream.txt"));
    }

    @Test
    void shouldAcceptGatewayErrorsWhenBuiltByTheGateway() {
        // Given the errors the gateway itself sends, and a flat vLLM 0.7.3 error as the gateway rewrites it
        List<OpenAiError> errors = List.of(OpenAiError.invalidRequest("bad", "messages"),
                OpenAiError.modelNotFound("gpt-4"), OpenAiError.bodyTooLarge(4), OpenAiError.unsupportedMediaType(null),
                OpenAiError.noEngine("m"), OpenAiError.upstreamUnavailable("refused"), OpenAiError.timeout("slow"),
                OpenAiError.internal("boom"),
                EngineErrors.normalise(400, Buffer.buffer(Fixtures.text("vllm/error-400.json"))));

        // When each is validated as the response of both generation endpoints, with its own status
        // Then each is a valid ErrorResponse for a declared status
        for (OpenAiError error : errors) {
            for (String path : List.of(CHAT, COMPLETIONS)) {
                schemas.requireValidResponse(path, "POST", error.status(), error.toBuffer().toString());
            }
        }
    }

    @Test
    void shouldAcceptAStreamEndingInAnErrorWhenItFailsMidway() {
        // Given two chunks of a recorded stream, then the gateway's in-band error and [DONE]
        String[] events = Fixtures.text("vllm/chat-completion-stream.txt").split("\n\n");
        String failed = events[0] + "\n\n" + events[1] + "\n\n" + "data: "
                + OpenAiError.upstreamUnavailable("engine died").toBuffer() + "\n\ndata: [DONE]\n\n";

        // When validated, Then it is a valid stream
        assertThat(schemas.validateResponse(CHAT, "POST", 200, "text/event-stream", failed)).isEmpty();
    }

    @Test
    void shouldRejectBodiesWhenTheyBreakTheContract() {
        // Given bodies that differ from the contract in one way each
        String chat = Fixtures.text("vllm/chat-completion.json");
        String stream = Fixtures.text("vllm/chat-completion-stream.txt");
        String error = "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}";
        Map<String, List<String>> cases = Map.ofEntries(
                Map.entry("no choices", schemas.validateResponse(CHAT, "POST", 200, chat.replace("\"choices\"",
                        "\"choices_\""))),
                Map.entry("wrong object", schemas.validateResponse(CHAT, "POST", 200, chat.replace("\"chat.completion\"",
                        "\"text_completion\""))),
                Map.entry("token count as text", schemas.validateResponse(CHAT, "POST", 200,
                        chat.replace("\"prompt_tokens\":37", "\"prompt_tokens\":\"37\""))),
                Map.entry("flat vLLM error", schemas.validateResponse(CHAT, "POST", 400,
                        Fixtures.text("vllm/error-400.json"))),
                Map.entry("boolean error code", schemas.validateResponse(CHAT, "POST", 400,
                        error.replace("\"code\":null", "\"code\":true"))),
                Map.entry("undeclared status", schemas.validateResponse(CHAT, "POST", 418, error)),
                Map.entry("undocumented path", schemas.validateResponse("/v1/embeddings", "POST", 200, chat)),
                Map.entry("stream without DONE", schemas.validateResponse(CHAT, "POST", 200, "text/event-stream",
                        stream.replace("data: [DONE]\n\n", ""))),
                Map.entry("event after DONE", schemas.validateResponse(CHAT, "POST", 200, "text/event-stream",
                        stream + "data: {}\n\n")),
                Map.entry("completion chunk in a chat stream", schemas.validateResponse(CHAT, "POST", 200,
                        "text/event-stream", Fixtures.text("vllm/completion-stream.txt"))),
                Map.entry("error before the end", schemas.validateResponse(CHAT, "POST", 200, "text/event-stream",
                        "data: " + error + "\n\n" + stream)),
                Map.entry("engine with an unknown field", schemas.validateSchema("Engine",
                        "{\"id\":\"a\",\"pool\":\"p\",\"state\":\"ready\",\"stateSince\":\"2026-01-01T00:00:00Z\","
                                + "\"devices\":[],\"url\":\"u\",\"restarts\":0,\"inFlight\":0,\"models\":[],"
                                + "\"managed\":true,\"colour\":\"blue\"}")));

        // When validated, Then each is rejected
        cases.forEach((name, problems) -> assertThat(problems).as(name).isNotEmpty());
    }

    @Test
    void shouldCheckATypedEventStreamByItsEventLinesAndItsEnd() {
        // Given a Responses API stream that follows the contract, and variants that break it in one way each
        String created = "event: response.created\ndata: {\"response\":{},\"sequence_number\":0,"
                + "\"type\":\"response.created\"}\n\n";
        String delta = "event: response.output_text.delta\ndata: {\"delta\":\"Hi\",\"sequence_number\":1,"
                + "\"type\":\"response.output_text.delta\"}\n\n";
        String completed = "event: response.completed\ndata: {\"response\":{},\"sequence_number\":2,"
                + "\"type\":\"response.completed\"}\n\n";
        String error = "event: error\ndata: {\"type\":\"error\",\"code\":502,\"message\":\"gone\",\"param\":null}\n\n";
        String path = "/v1/responses";

        // When validated, Then the valid ones pass and each broken one is rejected
        assertThat(schemas.validateResponse(path, "POST", 200, "text/event-stream", created + delta + completed))
                .isEmpty();
        assertThat(schemas.validateResponse(path, "POST", 200, "text/event-stream", created + delta + error)).isEmpty();
        Map<String, String> broken = Map.of(
                "event line and data type differ", created + delta.replace("\"type\":\"response.output_text.delta\"",
                        "\"type\":\"response.output_text.done\"") + completed,
                "no end", created + delta,
                "event after the end", created + completed + delta,
                "chunks instead of events", Fixtures.text("vllm/chat-completion-stream.txt"),
                "no sequence number", created + delta.replace("\"sequence_number\":1,", "") + completed);
        broken.forEach((name, body) -> assertThat(schemas.validateResponse(path, "POST", 200, "text/event-stream",
                body)).as(name).isNotEmpty());
    }

    @Test
    void shouldThrowNamingTheProblemsWhenRequiredToBeValid() {
        // Given a response missing its choices, When required to be valid, Then the assertion names the problem
        assertThatThrownBy(() -> schemas.requireValidResponse(CHAT, "POST", 200, "{\"id\":\"x\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("choices");
    }

    private static ApiResponse resolve(OpenAPI api, ApiResponse response) {
        String ref = response.get$ref();
        return ref == null ? response
                : api.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static List<String> examples(MediaType media) throws JsonProcessingException {
        List<String> examples = new ArrayList<>();
        if (media.getExample() != null) {
            examples.add(text(media.getExample()));
        }
        if (media.getExamples() != null) {
            for (var example : media.getExamples().values()) {
                examples.add(text(example.getValue()));
            }
        }
        return examples;
    }

    private static String text(Object example) throws JsonProcessingException {
        return example instanceof String s ? s : JSON.writeValueAsString(example);
    }
}
