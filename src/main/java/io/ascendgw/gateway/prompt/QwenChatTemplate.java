package io.ascendgw.gateway.prompt;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Qwen2.5's chat template text for tools: around the definitions in the system message, and an assistant's calls. */
public final class QwenChatTemplate {

    /** Before the tool definitions (one compact JSON definition per line follows). */
    public static final String TOOLS_INTRO = "\n\n# Tools\n\nYou may call one or more functions to assist with the "
            + "user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
    /** After the tool definitions. */
    public static final String TOOLS_OUTRO = "\n</tools>\n\nFor each function call, return a json object with "
            + "function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": "
            + "<function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private QwenChatTemplate() {
    }

    /** An assistant's tool call as the template writes it inside its block ({@code arguments}: compact JSON). */
    public static String toolCall(String name, String arguments) {
        return "{\"name\": \"" + name + "\", \"arguments\": " + arguments + "}";
    }

    /** An OpenAI tool call ({@code {"function": {"name", "arguments"}}}) as the template writes it. */
    public static String toolCall(JsonNode call) {
        JsonNode function = call.path("function");
        return toolCall(function.path("name").asText(""), compactArguments(function.get("arguments")));
    }

    /** Arguments (a JSON string, as OpenAI sends them) as compact JSON; text that is not JSON stays a string. */
    public static String compactArguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return "{}";
        }
        if (!arguments.isTextual()) {
            return arguments.toString();
        }
        try {
            JsonNode parsed = JSON.readTree(arguments.textValue());
            return parsed == null ? arguments.toString() : parsed.toString();
        } catch (IOException notJson) {
            return arguments.toString();
        }
    }
}
