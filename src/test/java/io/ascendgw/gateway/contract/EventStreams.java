package io.ascendgw.gateway.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/** Server-Sent Events as the gateway sends them, and what the spec says their events are. */
final class EventStreams {

    static final String DONE = "[DONE]";

    /** The {@code data:} payloads before {@code [DONE]}, and any framing problems. */
    record Parsed(List<String> data, List<String> problems) {
    }

    private EventStreams() {
    }

    /** Parses {@code data: <payload>\n\n} events; anything else (CR, other fields, a missing [DONE]) is a problem. */
    static Parsed parse(String body) {
        List<String> data = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (body.indexOf('\r') >= 0) {
            problems.add("stream contains CR characters; events are LF-framed");
        }
        if (!body.endsWith("\n\n")) {
            problems.add("stream does not end with a blank line");
        }
        boolean done = false;
        for (String event : body.split("\n\n")) {
            if (event.isEmpty()) {
                continue;
            }
            if (!event.startsWith("data: ") || event.indexOf('\n') >= 0) {
                problems.add("not a single-line data event: " + abbreviate(event));
                continue;
            }
            String payload = event.substring("data: ".length());
            if (done) {
                problems.add("event after [DONE]: " + abbreviate(payload));
            } else if (payload.equals(DONE)) {
                done = true;
            } else {
                data.add(payload);
            }
        }
        if (!done) {
            problems.add("stream does not end with data: [DONE]");
        }
        return new Parsed(List.copyOf(data), List.copyOf(problems));
    }

    /** A typed event: its {@code event:} line's type and its {@code data:} payload. */
    record Typed(String type, String data) {
    }

    /** Typed events and any framing problems. */
    record ParsedTyped(List<Typed> events, List<String> problems) {
    }

    /**
     * Parses {@code event: <type>\ndata: <payload>\n\n} events (the Responses API's), which end without
     * {@code [DONE]}; anything else is a problem.
     */
    static ParsedTyped parseTyped(String body) {
        List<Typed> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!body.endsWith("\n\n")) {
            problems.add("stream does not end with a blank line");
        }
        for (String event : body.split("\n\n")) {
            if (event.isEmpty()) {
                continue;
            }
            String[] lines = event.split("\n", -1);
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                problems.add("not an event line and a data line: " + abbreviate(event));
                continue;
            }
            events.add(new Typed(lines[0].substring("event: ".length()), lines[1].substring("data: ".length())));
        }
        return new ParsedTyped(List.copyOf(events), List.copyOf(problems));
    }

    /** Whether the operation's event stream is typed events ({@code x-sse-events: typed}) rather than data chunks. */
    static boolean typed(OpenAPI api, String path, String method, int status) {
        Schema<?> schema = streamSchema(api, path, method, status);
        Map<String, Object> extensions = schema == null ? null : schema.getExtensions();
        return extensions != null && "typed".equals(extensions.get("x-sse-events"));
    }

    /** Component names listed in {@code x-sse-data-schemas} of the operation's text/event-stream response. */
    static List<String> dataSchemas(OpenAPI api, String path, String method, int status) {
        Schema<?> schema = streamSchema(api, path, method, status);
        Map<String, Object> extensions = schema == null ? null : schema.getExtensions();
        Object names = extensions == null ? null : extensions.get("x-sse-data-schemas");
        if (!(names instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(Object::toString).toList();
    }

    private static Schema<?> streamSchema(OpenAPI api, String path, String method, int status) {
        PathItem item = api.getPaths().get(path);
        if (item == null) {
            return null;
        }
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        ApiResponse response = operation == null ? null : operation.getResponses().get(Integer.toString(status));
        if (response == null || response.getContent() == null) {
            return null;
        }
        MediaType media = response.getContent().get("text/event-stream");
        if (media == null || media.getSchema() == null) {
            return null;
        }
        Schema<?> schema = media.getSchema();
        if (schema.get$ref() != null) {
            schema = api.getComponents().getSchemas().get(schema.get$ref().replace("#/components/schemas/", ""));
        }
        return schema;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
