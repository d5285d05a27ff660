package io.ascendgw.gateway.sim.http;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.text.BlockHasher;
import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * The tool call a chat request's answer makes, decided as vLLM (and a tool-calling model) would: a named
 * {@code tool_choice} calls that tool; {@code "required"} calls one of the tools; {@code "auto"} (with
 * {@code --enable-auto-tool-choice}) calls one unless the conversation's last message is a tool's result, which the
 * model then answers in text, so an agent loop (call, result, answer) runs to its end. Which tool is a pure function
 * of the prompt and the seed.
 *
 * @param function      the tool's name
 * @param parameters    its parameters' JSON schema (the arguments are generated under it), or null
 * @param chosenByModel the model chose to call it (auto): {@code finish_reason} {@code tool_calls}, no content
 */
record ToolPlan(String function, JsonNode parameters, boolean chosenByModel) {

    /** A tool of the request: its function's name and parameters, and its whole definition as compact JSON. */
    record Tool(String name, JsonNode parameters, String definition) {
    }

    /**
     * The plan for a chat request, or null for a text answer; throws vLLM's 400s for tool choices it refuses.
     *
     * @param toolChoice   {@code tool_choice} when a string, else null
     * @param namedTool    the function a {@code tool_choice} object names, else null
     * @param promptHash   the rendered prompt's content hash
     */
    static ToolPlan of(List<Tool> tools, String toolChoice, String namedTool, List<ChatRenderer.Message> messages,
            long promptHash, long seed, VllmDialect dialect, boolean autoToolChoice, ErrorBodies errors) {
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
                Tool tool = pick(tools, promptHash, seed);
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
                Tool tool = pick(tools, promptHash, seed);
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

    private static Tool pick(List<Tool> tools, long promptHash, long seed) {
        long h = BlockHasher.mix(promptHash ^ BlockHasher.mix(seed ^ 0x746f6f6cL));
        return tools.get((int) Long.remainderUnsigned(h, tools.size()));
    }
}
