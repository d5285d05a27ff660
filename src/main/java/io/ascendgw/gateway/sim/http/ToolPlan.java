package io.ascendgw.gateway.sim.http;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.structured.JsonSchemaText;
import io.ascendgw.gateway.sim.structured.OutputStructure;
import io.ascendgw.gateway.sim.text.BlockHasher;
import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * The tool calls a chat request's answer makes, decided as vLLM (and a tool-calling model) would: a named
 * {@code tool_choice} calls that tool; {@code "required"} calls one of the tools; {@code "auto"} (with
 * {@code --enable-auto-tool-choice}) calls one unless the conversation's last message is a tool's result, which the
 * model then answers in text, so an agent loop (call, result, answer) runs to its end. Given several tools, a third of
 * auto answers call two of them at once, as Qwen does for independent lookups (unless {@code parallel_tool_calls} is
 * false). Which tools is a pure function of the prompt and the seed.
 *
 * @param calls         the calls, in order (one, or two in parallel)
 * @param chosenByModel the model chose to call (auto): {@code finish_reason} {@code tool_calls}, no content
 */
record ToolPlan(List<Call> calls, boolean chosenByModel) {

    /**
     * Between the arguments of parallel calls in the generated text: a control character, which JSON text never holds
     * unescaped, so the wire can split the calls apart however the text is cut into tokens.
     */
    static final char CALL_SEPARATOR = '\u001e';

    /** One call: the tool's name and its parameters' JSON schema (the arguments are generated under it), or null. */
    record Call(String function, JsonNode parameters) {
    }

    ToolPlan {
        calls = List.copyOf(calls);
    }

    /** One call. */
    ToolPlan(String function, JsonNode parameters, boolean chosenByModel) {
        this(List.of(new Call(function, parameters)), chosenByModel);
    }

    /** What the answer generates: the calls' arguments, each under its schema, parallel ones apart by the separator. */
    OutputStructure arguments() {
        List<OutputStructure> each = calls.stream().map(c -> (OutputStructure) new JsonSchemaText(c.parameters()))
                .toList();
        if (each.size() == 1) {
            return each.get(0);
        }
        return key -> {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < each.size(); i++) {
                if (i > 0) {
                    text.append(CALL_SEPARATOR);
                }
                text.append(each.get(i).text(i == 0 ? key : BlockHasher.mix(key + i)));
            }
            return text.toString();
        };
    }

    /** A tool of the request: its function's name and parameters, and its whole definition as compact JSON. */
    record Tool(String name, JsonNode parameters, String definition) {
    }

    /**
     * The plan for a chat request, or null for a text answer; throws vLLM's 400s for tool choices it refuses.
     *
     * @param toolChoice   {@code tool_choice} when a string, else null
     * @param namedTool    the function a {@code tool_choice} object names, else null
     * @param promptHash   the rendered prompt's content hash
     * @param parallel     {@code parallel_tool_calls} is not false
     */
    static ToolPlan of(List<Tool> tools, String toolChoice, String namedTool, List<ChatRenderer.Message> messages,
            long promptHash, long seed, boolean parallel, VllmDialect dialect, boolean autoToolChoice,
            ErrorBodies errors) {
        String choice = namedTool != null ? null : toolChoice;
        if (namedTool == null && choice == null) {
            // V1 makes "auto" the default once tools are given (and refuses it without a tool parser), 0.7.3 "none"
            choice = !tools.isEmpty() && !dialect.legacy() ? "auto" : "none";
        }
        if ((namedTool != null || !"none".equals(choice)) && tools.isEmpty()) {
            throw valueError(errors, "When using `tool_choice`, `tools` must be set.");
        }
        if (namedTool != null) {
            Tool tool = tools.stream().filter(t -> t.name().equals(namedTool)).findFirst().orElseThrow(() ->
                    valueError(errors, "The tool specified in `tool_choice` does not match any of the specified "
                            + "`tools`"));
            return new ToolPlan(tool.name(), tool.parameters(), false);
        }
        switch (choice) {
            case "none" -> {
                return null;
            }
            case "required" -> {
                if (dialect.legacy()) {
                    throw valueError(errors, "`tool_choice` must either be a named tool, \"auto\", or \"none\".");
                }
                Tool tool = tools.get(pick(tools.size(), promptHash, seed));
                return new ToolPlan(tool.name(), tool.parameters(), false);
            }
            case "auto" -> {
                if (!autoToolChoice) {
                    throw errors.badRequest("\"auto\" tool choice requires --enable-auto-tool-choice and "
                            + "--tool-call-parser to be set");
                }
                if (!messages.isEmpty() && "tool".equals(messages.get(messages.size() - 1).role())) {
                    return null;
                }
                int first = pick(tools.size(), promptHash, seed);
                Tool tool = tools.get(first);
                long h = BlockHasher.mix(promptHash ^ seed ^ 0x706172616c6cL);
                if (parallel && tools.size() > 1 && Long.remainderUnsigned(h, 3) == 0) {
                    Tool second = tools.get((first + 1 + (int) Long.remainderUnsigned(h >>> 8, tools.size() - 1))
                            % tools.size());
                    return new ToolPlan(List.of(new Call(tool.name(), tool.parameters()),
                            new Call(second.name(), second.parameters())), true);
                }
                return new ToolPlan(tool.name(), tool.parameters(), true);
            }
            default -> {
                SchemaErrors schema = new SchemaErrors();
                schema.add("literal_error", "Input should be 'none', 'auto' or 'required'", "tool_choice");
                throw errors.schema(schema.message());
            }
        }
    }

    /** A failed model validator, as pydantic lists it. */
    private static ApiError valueError(ErrorBodies errors, String message) {
        SchemaErrors schema = new SchemaErrors();
        schema.add("value_error", "Value error, " + message);
        return errors.schema(schema.message());
    }

    private static int pick(int tools, long promptHash, long seed) {
        long h = BlockHasher.mix(promptHash ^ BlockHasher.mix(seed ^ 0x746f6f6cL));
        return (int) Long.remainderUnsigned(h, tools);
    }
}
