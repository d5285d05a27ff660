package io.ascendgw.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * Requests built from the spec's own examples go through the packaged gateway to a stand-in vLLM (recorded
 * answers); every request sent and every response received, JSON and streamed, is validated against the spec.
 */
class ContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String COMPLETIONS = "/v1/completions";

    @TempDir
    static Path workDir;

    private static FakeVllm engine;
    private static GatewayProcess gateway;
    private static Http http;
    private static OpenApiSchemas schemas;

    @BeforeAll
    static void start() {
        schemas = OpenApiSchemas.load();
        engine = new FakeVllm();
        gateway = GatewayProcess.builder(workDir).property("gateway.embedded.enabled", "false")
                .property("gateway.upstreams", engine.baseUrl()).start().awaitReady(Duration.ofSeconds(60));
        http = new Http(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void shouldMatchTheContractWhenTheSpecExamplesAreSent() throws Exception {
        for (String path : new String[] {CHAT, COMPLETIONS}) {
            for (String example : new String[] {"simple", "streaming"}) {
                // Given the spec's example request, valid against its own schema
                String body = requestExample(path, example);
                schemas.requireValidRequest(path, "POST", "application/json", body);

                // When it is sent through the gateway
                Http.Reply reply = http.post(path, "application/json", body);

                // Then the answer (JSON or event stream) matches the documented response
                assertThat(reply.status()).as(path + " " + example + ": " + reply.body()).isEqualTo(200);
                assertThat(reply.contentType()).startsWith(example.equals("streaming") ? "text/event-stream"
                        : "application/json");
                schemas.requireValidResponse(path, "POST", 200, reply.contentType(), reply.body());
            }
        }
    }

    @Test
    void shouldEndTheStreamWithADocumentedErrorWhenTheEngineDiesMidStream() throws Exception {
        // Given a streaming request the engine will abandon after two events
        ObjectNode body = (ObjectNode) JSON.readTree(requestExample(CHAT, "streaming"));
        body.put("max_tokens", FakeVllm.DIE_MID_STREAM);
        schemas.requireValidRequest(CHAT, "POST", "application/json", body.toString());

        // When it is sent
        Http.Reply reply = http.post(CHAT, "application/json", body.toString());

        // Then the stream that started ends with one error event and [DONE], as documented
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("data: {\"error\"").endsWith("data: [DONE]\n\n");
        schemas.requireValidResponse(CHAT, "POST", 200, reply.contentType(), reply.body());
    }

    @Test
    void shouldMatchTheContractWhenModelsHealthAndAdminAreRead() {
        // When the other endpoints are read with an engine ready, Then each answer matches the contract
        check("/v1/models", "GET", http.get("/v1/models"), 200);
        check("/health", "GET", http.get("/health"), 200);
        check("/q/health/ready", "GET", http.get("/q/health/ready"), 200);
        Http.Reply engines = http.get("/admin/engines");
        check("/admin/engines", "GET", engines, 200);
        assertThat(engines.body()).contains("\"id\":\"upstream-0\"").contains("\"state\":\"ready\"");
        check("/admin/engines/upstream-0", "GET", http.get("/admin/engines/upstream-0"), 200);
        check("/admin/engines/upstream-0/logs", "GET", http.get("/admin/engines/upstream-0/logs?lines=5"), 200);
        check("/admin/pools", "GET", http.get("/admin/pools"), 200);
    }

    @Test
    void shouldMatchTheContractWhenRequestsAreRefused() {
        // Given requests the gateway refuses, each valid or invalid as the case needs
        String unknownModel = "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        schemas.requireValidRequest(CHAT, "POST", "application/json", unknownModel);
        String noMessages = "{\"model\":\"" + FakeVllm.MODEL + "\"}";
        assertThat(schemas.validateRequest(CHAT, "POST", "application/json", noMessages)).isNotEmpty();

        // When sent, Then the errors are the documented ones
        Http.Reply notFound = http.post(CHAT, "application/json", unknownModel);
        check(CHAT, "POST", notFound, 404);
        assertThat(notFound.body()).contains("model_not_found");
        check(CHAT, "POST", http.post(CHAT, "application/json", noMessages), 400);
        check(COMPLETIONS, "POST", http.post(COMPLETIONS, "text/plain", "prompt"), 415);
        check("/admin/engines/nope", "GET", http.get("/admin/engines/nope"), 404);
    }

    private static void check(String path, String method, Http.Reply reply, int status) {
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
        schemas.requireValidResponse(path, method, reply.status(), reply.contentType(), reply.body());
    }

    private static String requestExample(String path, String name) throws Exception {
        Object value = schemas.api().getPaths().get(path).getPost().getRequestBody().getContent()
                .get("application/json").getExamples().get(name).getValue();
        return JSON.writeValueAsString(value instanceof Map<?, ?> map ? map : value);
    }
}
