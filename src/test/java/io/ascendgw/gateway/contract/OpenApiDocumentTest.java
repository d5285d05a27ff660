package io.ascendgw.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.admin.AdminResource;
import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.lora.LoraRoutes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** openapi/openapi.yaml as a document: valid OpenAPI, complete for the routes the code serves, open to vLLM extras. */
class OpenApiDocumentTest {

    private static OpenApiSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = OpenApiSchemas.load();
    }

    @Test
    void shouldBeValidOpenApiWhenCheckedBySwaggerParser() {
        // Given the spec as written
        String spec = RepoFiles.read(OpenApiSchemas.SPEC);

        // When swagger-parser reads and validates it
        SwaggerParseResult result = parse(spec);

        // Then it is an OpenAPI 3.0 document without a single message
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
    }

    @Test
    void shouldReportProblemsWhenTheSpecIsBroken() {
        // Given the spec with a dangling reference
        String broken = RepoFiles.read(OpenApiSchemas.SPEC)
                .replace("$ref: '#/components/schemas/ModelList'", "$ref: '#/components/schemas/NoSuchSchema'");

        // When swagger-parser validates it
        SwaggerParseResult result = parse(broken);

        // Then the validator speaks up, so the check above can fail
        assertThat(result.getMessages()).isNotEmpty();
    }

    @Test
    void shouldDocumentEveryRouteWhenTheCodeServesIt() {
        // Given the routes the code registers: OpenAI routes, vLLM health, every JAX-RS admin method, SmallRye Health
        Set<String> served = new TreeSet<>();
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            served.add("POST " + endpoint.path());
        }
        LoraRoutes.PATHS.forEach(path -> served.add("POST " + path));
        served.add("GET /v1/models");
        served.add("GET /v1/responses/{id}");
        served.add("POST /v1/responses/{id}/cancel");
        served.add("GET /health");
        served.add("GET /ping");
        served.add("GET /version");
        String root = AdminResource.class.getAnnotation(Path.class).value();
        for (Method method : AdminResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                    : null;
            if (path != null && verb != null) {
                served.add(verb + " " + root + path.value());
            }
        }
        for (String health : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started")) {
            served.add("GET " + health);
        }
        served.add("GET /metrics");

        // When the documented operations are listed
        Set<String> documented = operations(schemas.api());

        // Then each served route is documented, and nothing else is
        assertThat(served).hasSizeGreaterThan(10);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void shouldAllowUnknownFieldsAndListVllmExtrasWhenRequestsAreDescribed() {
        // Given both request schemas
        Map<String, Schema> components = schemas.api().getComponents().getSchemas();
        for (String name : List.of("ChatCompletionRequest", "CompletionRequest")) {
            Schema<?> request = components.get(name);

            // Then unknown fields are allowed and the common vLLM extras are documented
            assertThat(request.getAdditionalProperties()).as(name).isEqualTo(Boolean.TRUE);
            assertThat(request.getProperties()).as(name).containsKeys("top_k", "min_p", "repetition_penalty",
                    "ignore_eos", "guided_json", "stop_token_ids", "min_tokens", "stream_options");
        }
        assertThat(components.get("ChatCompletionRequest").getProperties()).containsKey("chat_template_kwargs");

        // When a request carries an extra nobody documented, it is still valid; a request without messages is not
        assertThat(schemas.validateRequest("/v1/chat/completions", "POST", "application/json",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"my_new_vllm_knob\":3}"))
                .isEmpty();
        assertThat(schemas.validateRequest("/v1/chat/completions", "POST", "application/json",
                "{\"model\":\"m\",\"prompt\":\"hi\"}")).isNotEmpty();
        assertThat(schemas.validateRequest("/v1/completions", "POST", "application/json",
                "{\"model\":\"m\",\"prompt\":[[1,2],[3]],\"top_k\":5}")).isEmpty();
        assertThat(schemas.validateRequest("/v1/completions", "POST", "application/json",
                "{\"model\":\"m\",\"prompt\":42}")).isNotEmpty();
    }

    @Test
    void shouldReferenceEveryComponentSchemaWhenRedoclyLintsTheSpec() {
        // Given the spec's text and the problems redocly lint (CI's deploy checks) is told to ignore
        String spec = RepoFiles.read(OpenApiSchemas.SPEC);
        String ignored = RepoFiles.read("openapi/.redocly.lint-ignore.yaml");

        // When each component schema is looked up: a $ref to it, or a name in an event stream's x-sse-data-schemas
        // (OpenAPI 3.0 cannot $ref one event's schema), which redocly's no-unused-components rule does not see
        List<String> unused = new ArrayList<>();
        List<String> sseOnlyNotIgnored = new ArrayList<>();
        for (String name : schemas.api().getComponents().getSchemas().keySet()) {
            String pointer = "'#/components/schemas/" + name + "'";
            if (spec.contains("$ref: " + pointer)) {
                continue;
            }
            if (!Pattern.compile("x-sse-data-schemas: \\[[^\\]]*\\b" + name + "\\b").matcher(spec).find()) {
                unused.add(name);
            } else if (!ignored.contains("- " + pointer)) {
                sseOnlyNotIgnored.add(name);
            }
        }

        // Then none is unused, and every event schema named only by x-sse-data-schemas is in the ignore file, so
        // `redocly lint` passes as `./mvnw verify` does
        assertThat(unused).as("component schemas nothing refers to").isEmpty();
        assertThat(sseOnlyNotIgnored).as("event schemas missing from openapi/.redocly.lint-ignore.yaml").isEmpty();
    }

    private static SwaggerParseResult parse(String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(spec, null, options);
    }

    static Set<String> operations(OpenAPI api) {
        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .keySet().forEach(method -> operations.add(method.name().toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }
}
