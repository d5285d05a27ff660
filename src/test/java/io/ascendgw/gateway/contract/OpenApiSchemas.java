package io.ascendgw.gateway.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Checks requests, responses and streamed events against the schemas of {@code openapi/openapi.yaml}, with the
 * Atlassian OpenAPI validator: the path and method must be documented, the status declared for them, the content
 * type listed, and the body valid against the schema. Every method returns the problems found, empty when valid;
 * the {@code require...} variants throw {@link AssertionError} listing them.
 *
 * <p>For other tests too, e.g. against the simulator:
 * {@code OpenApiSchemas.load().requireValidResponse("/v1/chat/completions", "POST", 200, body)}. Thread-safe after
 * {@link #load()}; loading parses the spec (about a second), so share one instance per test class.
 */
public final class OpenApiSchemas {

    /** Where the spec lives in the repository. */
    public static final String SPEC = "openapi/openapi.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAPI api;
    private final OpenApiInteractionValidator interactions;
    private final SchemaValidator schemas;

    private OpenApiSchemas(OpenAPI api, String spec) {
        this.api = api;
        this.interactions = OpenApiInteractionValidator.createFor(withSharedResponsesInlined(spec)).build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    /** The repository's spec. */
    public static OpenApiSchemas load() {
        return of(RepoFiles.read(SPEC));
    }

    /** A spec given as YAML or JSON text; fails if it does not parse as OpenAPI. */
    public static OpenApiSchemas of(String spec) {
        SwaggerParseResult result = parse(spec);
        if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
            throw new IllegalArgumentException("Not a valid OpenAPI document: " + result.getMessages());
        }
        return new OpenApiSchemas(result.getOpenAPI(), spec);
    }

    /*
     * The validator does not follow $refs to shared responses, so they are inlined here. (swagger-parser's resolveFully
     * would do it, but it also gives every oneOf a type "object", which changes its meaning.)
     */
    private static OpenAPI withSharedResponsesInlined(String spec) {
        OpenAPI api = parse(spec).getOpenAPI();
        Map<String, ApiResponse> shared = api.getComponents().getResponses();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().replaceAll((status, response) -> response.get$ref() == null ? response
                        : shared.get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1)))));
        return api;
    }

    private static SwaggerParseResult parse(String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(spec, null, options);
    }

    /** The parsed document. */
    public OpenAPI api() {
        return api;
    }

    public List<String> validateRequest(String path, String method, String contentType, String body) {
        return validateRequest(path, method, contentType, body, Map.of());
    }

    /** A request with headers, e.g. {@code Authorization} for the admin API. */
    public List<String> validateRequest(String path, String method, String contentType, String body,
            Map<String, String> headers) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), path);
        headers.forEach(request::withHeader);
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null) {
            request.withBody(body);
        }
        return errors(interactions.validateRequest(request.build()));
    }

    /** A JSON response ({@code application/json}). */
    public List<String> validateResponse(String path, String method, int status, String body) {
        return validateResponse(path, method, status, "application/json", body);
    }

    /**
     * Any response. An empty or null body is checked as "no body". For {@code text/event-stream} the body is the whole
     * stream: see {@link #validateEventStream}.
     */
    public List<String> validateResponse(String path, String method, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        boolean hasBody = body != null && !body.isEmpty();
        if (contentType != null && hasBody) {
            response.withContentType(contentType);
        }
        boolean stream = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (hasBody) {
            // Bodies of non-JSON media types (event streams, metrics text) are only checked for presence here.
            response.withBody(body);
        }
        List<String> problems = errors(interactions.validateResponse(path, method(method), response.build()));
        if (stream && problems.isEmpty()) {
            problems = validateEventStream(path, method, status, body);
        }
        return problems;
    }

    /**
     * A Server-Sent Events body: only {@code data: <json>\n\n} events, ending with {@code data: [DONE]\n\n}, each JSON
     * valid against one of the schemas the operation's {@code text/event-stream} media type names in
     * {@code x-sse-data-schemas}; an error event may only be the last before {@code [DONE]}.
     */
    public List<String> validateEventStream(String path, String method, int status, String body) {
        List<String> problems = new ArrayList<>();
        List<String> allowed = EventStreams.dataSchemas(api, path, method, status);
        if (allowed.isEmpty()) {
            problems.add(method + " " + path + " " + status + " declares no text/event-stream x-sse-data-schemas");
            return problems;
        }
        if (EventStreams.typed(api, path, method, status)) {
            return validateTypedEvents(allowed, body);
        }
        EventStreams.Parsed parsed = EventStreams.parse(body);
        problems.addAll(parsed.problems());
        List<String> events = parsed.data();
        for (int i = 0; i < events.size(); i++) {
            String data = events.get(i);
            List<String> eventProblems = validateAgainstAny(allowed, data);
            if (!eventProblems.isEmpty()) {
                problems.add("event " + i + " matches none of " + allowed + ": " + eventProblems);
            } else if (isError(data) && i != events.size() - 1) {
                problems.add("event " + i + " is an error but is not the last event before [DONE]");
            }
        }
        return problems;
    }

    /**
     * A typed event stream (the Responses API's): each payload valid against one of the {@code allowed} schemas with
     * the {@code type} of its event line, ending with the response's last event or an error, nothing after it.
     */
    private List<String> validateTypedEvents(List<String> allowed, String body) {
        EventStreams.ParsedTyped parsed = EventStreams.parseTyped(body);
        List<String> problems = new ArrayList<>(parsed.problems());
        List<EventStreams.Typed> events = parsed.events();
        for (int i = 0; i < events.size(); i++) {
            EventStreams.Typed event = events.get(i);
            List<String> eventProblems = validateAgainstAny(allowed, event.data());
            if (!eventProblems.isEmpty()) {
                problems.add("event " + i + " matches none of " + allowed + ": " + eventProblems);
                continue;
            }
            String type;
            try {
                type = JSON.readTree(event.data()).path("type").asText();
            } catch (Exception e) {
                problems.add("event " + i + " is not JSON: " + e.getMessage());
                continue;
            }
            if (!type.equals(event.type())) {
                problems.add("event " + i + " is " + event.type() + " but its data says " + type);
            }
            boolean last = type.equals("error") || type.equals("response.completed") || type.equals("response.failed")
                    || type.equals("response.incomplete");
            if (last != (i == events.size() - 1)) {
                problems.add("event " + i + " (" + type + ") " + (last ? "is not the last" : "is last but ends nothing"));
            }
        }
        return problems;
    }

    /** A JSON document against one component schema, e.g. {@code ("ErrorResponse", "{...}")}. */
    public List<String> validateSchema(String component, String json) {
        Schema<?> schema = api.getComponents().getSchemas().get(component);
        if (schema == null) {
            return List.of("no component schema " + component);
        }
        return errors(schemas.validate(() -> JSON.readTree(json), schema, "schema." + component));
    }

    public void requireValidRequest(String path, String method, String contentType, String body) {
        require(validateRequest(path, method, contentType, body), method + " " + path + " request");
    }

    public void requireValidResponse(String path, String method, int status, String body) {
        require(validateResponse(path, method, status, body), method + " " + path + " " + status + " response");
    }

    public void requireValidResponse(String path, String method, int status, String contentType, String body) {
        require(validateResponse(path, method, status, contentType, body),
                method + " " + path + " " + status + " " + contentType + " response");
    }

    private List<String> validateAgainstAny(List<String> components, String json) {
        List<String> all = new ArrayList<>();
        for (String component : components) {
            List<String> problems = validateSchema(component, json);
            if (problems.isEmpty()) {
                return List.of();
            }
            all.add(component + ": " + problems);
        }
        return all;
    }

    private static boolean isError(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.has("error") && !node.has("choices");
        } catch (Exception e) {
            return false;
        }
    }

    private static void require(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " does not match openapi/openapi.yaml:\n  " + String.join("\n  ", problems));
        }
    }

    private static Request.Method method(String method) {
        return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + m.getNestedMessages().stream().map(n -> " / " + n.getMessage()).reduce("", String::concat))
                .toList();
    }
}
