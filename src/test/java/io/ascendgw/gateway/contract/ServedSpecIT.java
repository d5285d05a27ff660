package io.ascendgw.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * The packaged gateway serves openapi/openapi.yaml unchanged at /q/openapi and renders it at /q/swagger-ui; and what
 * it answers without any engine (health, errors, admin) matches that contract.
 */
class ServedSpecIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "contract-test-key";

    @TempDir
    static Path workDir;

    private static GatewayProcess gateway;
    private static Http http;
    private static OpenApiSchemas schemas;

    @BeforeAll
    static void start() {
        schemas = OpenApiSchemas.load();
        gateway = GatewayProcess.builder(workDir).property("gateway.embedded.enabled", "false")
                .property("gateway.admin.key", ADMIN_KEY).start().awaitUp(Duration.ofSeconds(60));
        http = new Http(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldServeTheSpecFileWhenAskedForItsOpenApiDocument() throws Exception {
        // Given the file and the document the running gateway serves
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.read(OpenApiSchemas.SPEC));
        Http.Reply reply = http.get("/q/openapi?format=json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode served = JSON.readTree(reply.body());

        // Then paths, methods and component schemas are the same (so the two cannot drift)
        assertThat(operations(served)).isEqualTo(operations(file)).hasSizeGreaterThan(10);
        assertThat(served.at("/components/schemas").equals(SAME_NUMBERS, file.at("/components/schemas")))
                .as("component schemas served = file").isTrue();
        assertThat(served.at("/openapi").asText()).isEqualTo(file.at("/openapi").asText());
        // and the YAML form parses to the same paths
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(http.get("/q/openapi").body());
        assertThat(operations(yaml)).isEqualTo(operations(file));
    }

    @Test
    void shouldRenderSwaggerUiWhenBrowsed() {
        // When the Swagger UI is opened, Then it answers with its page, configured with the served document
        Http.Reply page = http.get("/q/swagger-ui");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("swagger-ui").contains("/q/openapi");
    }

    @Test
    void shouldAnswerAsDocumentedWhenNoEngineIsReady() {
        // Given a gateway without engines
        // When health, generation and admin endpoints are called, Then every answer matches the contract
        check("/health", "GET", http.get("/health"), 503);
        check("/q/health/live", "GET", http.get("/q/health/live"), 200);
        check("/q/health/ready", "GET", http.get("/q/health/ready"), 503);
        check("/q/health/started", "GET", http.get("/q/health/started"), 200);
        check("/q/health", "GET", http.get("/q/health"), 503);

        String chat = "{\"model\":\"qwen2.5-7b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        schemas.requireValidRequest("/v1/chat/completions", "POST", "application/json", chat);
        Http.Reply noEngine = http.post("/v1/chat/completions", "application/json", chat);
        check("/v1/chat/completions", "POST", noEngine, 503);
        assertThat(noEngine.header("Retry-After")).isNotBlank();
        check("/v1/chat/completions", "POST", http.post("/v1/chat/completions", "text/plain", chat), 415);
        check("/v1/completions", "POST", http.post("/v1/completions", "application/json", "{\"model\":\"m\"}"), 400);
        check("/v1/models", "GET", http.get("/v1/models"), 200);
        check("/version", "GET", http.get("/version"), 503);
        check("/ping", "GET", http.get("/ping"), 503);
        check("/tokenize", "POST", http.post("/tokenize", "application/json", "{\"prompt\":\"hi\"}"), 503);
        check("/detokenize", "POST", http.post("/detokenize", "application/json", "{}"), 400);
        check("/v1/embeddings", "POST", http.post("/v1/embeddings", "application/json", "{\"input\":\"hi\"}"), 503);
        String response = "{\"model\":\"qwen2.5-7b-instruct\",\"input\":\"hi\"}";
        schemas.requireValidRequest("/v1/responses", "POST", "application/json", response);
        check("/v1/responses", "POST", http.post("/v1/responses", "application/json", response), 503);
        check("/v1/responses", "POST", http.post("/v1/responses", "application/json", "{\"input\":[]}"), 400);
        check("/v1/responses/{id}", "GET", http.get("/v1/responses/resp_1"), 503);
        check("/v1/responses/{id}/cancel", "POST", http.post("/v1/responses/resp_1/cancel", "application/json", ""),
                503);
        String rerank = "{\"query\":\"q\",\"documents\":[\"d\"]}";
        for (String path : List.of("/rerank", "/v1/rerank", "/v2/rerank")) {
            schemas.requireValidRequest(path, "POST", "application/json", rerank);
            check(path, "POST", http.post(path, "application/json", rerank), 503);
        }
        for (String path : List.of("/pooling", "/classify")) {
            check(path, "POST", http.post(path, "application/json", "{\"input\":\"a\"}"), 503);
        }
        for (String path : List.of("/score", "/v1/score")) {
            check(path, "POST", http.post(path, "application/json", "{\"text_1\":\"a\",\"text_2\":\"b\"}"), 503);
            check(path, "POST", http.post(path, "application/json", "{\"text_1\":\"a\"}"), 400);
        }

        String auth = "Bearer " + ADMIN_KEY;
        check("/admin/engines", "GET", http.get("/admin/engines"), 401);
        check("/admin/engines", "GET", http.get("/admin/engines", "Authorization", auth), 200);
        check("/admin/engines/{id}", "GET", http.get("/admin/engines/main-9", "Authorization", auth), 404);
        check("/admin/pools", "GET", http.get("/admin/pools", "Authorization", auth), 200);
        check("/admin/pools/{pool}/scale", "POST", http.post("/admin/pools/main/scale", "application/json", "{}",
                "Authorization", auth), 400);
    }

    private static void check(String path, String method, Http.Reply reply, int expectedStatus) {
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(expectedStatus);
        String concretePath = reply.raw().request().uri().getPath();
        schemas.requireValidResponse(concretePath, method, reply.status(), reply.contentType(), reply.body());
        assertThat(schemas.api().getPaths()).containsKey(path);
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
        return operations;
    }

    /** Numbers compare by value: 0 from YAML and 0.0 from JSON are the same number. */
    private static final Comparator<JsonNode> SAME_NUMBERS = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
}
