package io.ascendgw.gateway.sim.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.structured.ChoiceText;
import io.ascendgw.gateway.sim.structured.JsonSchemaText;
import io.ascendgw.gateway.sim.structured.OutputStructure;
import io.ascendgw.gateway.sim.structured.RegexText;

/**
 * Reads the constraint a chat or completions request puts on its answer, from every field vLLM takes it from:
 * {@code structured_outputs} ({@code json}, {@code json_object}, {@code choice}, {@code regex}; V1), the
 * {@code guided_json}/{@code guided_choice}/{@code guided_regex} extras, and OpenAI's {@code response_format}
 * ({@code json_object}, {@code json_schema} with its {@code schema}), each in the versions that have it (the guided
 * extras are ignored from 0.12, as unknown fields are). A grammar ({@code guided_grammar},
 * {@code structured_outputs.grammar}) is accepted and not enforced: the simulator has no grammar engine.
 */
final class StructuredOutputs {

    private static final List<String> FORMAT_TYPES = List.of("text", "json_object", "json_schema", "structural_tag");

    private StructuredOutputs() {
    }

    /** The request's constraint, or null for free text; shape errors go to {@code errors} as pydantic reports them. */
    static OutputStructure read(JsonNode body, ObjectMapper mapper, VllmDialect dialect, SchemaErrors errors) {
        JsonNode options = dialect.structuredOutputsField() ? present(body.get("structured_outputs")) : null;
        if (options != null && options.isObject()) {
            OutputStructure structure = of(mapper, present(options.get("json")), present(options.get("choice")),
                    present(options.get("regex")), errors, "structured_outputs");
            if (structure == null && options.path("json_object").asBoolean(false)) {
                return new JsonSchemaText(null);
            }
            if (structure != null) {
                return structure;
            }
        }
        OutputStructure guided = !dialect.guidedFields() ? null : of(mapper, present(body.get("guided_json")),
                present(body.get("guided_choice")), present(body.get("guided_regex")), errors, null);
        if (guided != null) {
            return guided;
        }
        return responseFormat(present(body.get("response_format")), errors);
    }

    /**
     * The constraint of a Responses API request's {@code text.format}: {@code json_schema} (its {@code schema}),
     * {@code json_object}, or none for {@code text}.
     */
    static OutputStructure textFormat(JsonNode text, SchemaErrors errors) {
        JsonNode format = text == null ? null : present(text.get("format"));
        if (format == null) {
            return null;
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "json_schema" -> new JsonSchemaText(present(format.get("schema")));
            case "json_object" -> new JsonSchemaText(null);
            case "text" -> null;
            default -> {
                errors.add("union_tag_invalid", "Input tag '" + type + "' found using 'type' does not match any of "
                        + "the expected tags: 'text', 'json_schema', 'json_object'", "text", "format");
                yield null;
            }
        };
    }

    private static OutputStructure of(ObjectMapper mapper, JsonNode json, JsonNode choice, JsonNode regex,
            SchemaErrors errors, String parent) {
        if (json != null) {
            // vLLM takes the schema as an object or as a string holding one.
            return new JsonSchemaText(json.isTextual() ? parseSchema(mapper, json.textValue()) : json);
        }
        if (choice != null) {
            List<String> choices = new ArrayList<>();
            if (choice.isArray()) {
                choice.forEach(c -> choices.add(c.isTextual() ? c.textValue() : c.toString()));
            }
            if (choices.isEmpty()) {
                errors.add("list_type", "Input should be a valid list", location(parent, "guided_choice", "choice"));
                return null;
            }
            return new ChoiceText(choices);
        }
        if (regex != null) {
            if (!regex.isTextual()) {
                errors.add("string_type", "Input should be a valid string",
                        location(parent, "guided_regex", "regex"));
                return null;
            }
            return RegexText.parse(regex.textValue());
        }
        return null;
    }

    private static OutputStructure responseFormat(JsonNode format, SchemaErrors errors) {
        if (format == null) {
            return null;
        }
        String type = format.path("type").asText(null);
        if (!format.isObject() || type == null || !FORMAT_TYPES.contains(type)) {
            errors.add("literal_error", "Input should be 'text', 'json_object', 'json_schema' or 'structural_tag'",
                    "response_format", "type");
            return null;
        }
        return switch (type) {
            case "json_object" -> new JsonSchemaText(null);
            case "json_schema" -> new JsonSchemaText(present(format.path("json_schema").get("schema")));
            default -> null;
        };
    }

    private static JsonNode parseSchema(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static Object[] location(String parent, String guidedField, String field) {
        return parent == null ? new Object[] {guidedField} : new Object[] {parent, field};
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
