package io.ascendgw.gateway.sim.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.prompt.QwenChatTemplate;
import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.images.ChatMedia;
import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * Turns a request body into a {@link GenerationCall}, rejecting what vLLM's pydantic models reject (wrong types,
 * missing {@code messages}/{@code prompt}, stream_options without stream ...). Unknown fields are ignored.
 * Stateless and thread-safe.
 */
final class RequestParser {

    /** Reads tool calls' arguments; a plain mapper, so the compact form matches the gateway's prefix renderer. */

    private final ObjectMapper mapper;
    private final ErrorBodies errorBodies;
    private final VllmDialect dialect;

    RequestParser(ObjectMapper mapper, ErrorBodies errorBodies, VllmDialect dialect) {
        this.mapper = mapper;
        this.errorBodies = errorBodies;
        this.dialect = dialect;
    }

    /** Parses a chat ({@code chat=true}) or completions body; throws {@link ApiError} (400) on schema errors. */
    GenerationCall parse(byte[] bytes, boolean chat) {
        JsonNode body;
        try {
            body = mapper.readTree(bytes);
        } catch (IOException e) {
            SchemaErrors errors = new SchemaErrors();
            errors.add("json_invalid", "JSON decode error", 0);
            throw errorBodies.schema(errors.message());
        }
        SchemaErrors errors = new SchemaErrors();
        if (body == null || !body.isObject()) {
            errors.add("model_attributes_type", "Input should be a valid dictionary or object to extract fields from");
            throw errorBodies.schema(errors.message());
        }
        FieldReader f = new FieldReader(body, errors);
        String model = f.string("model");
        if (dialect.legacy() && !f.present("model")) {
            errors.add("missing", "Field required", "model");
        }
        ChatMedia.Builder media = new ChatMedia.Builder();
        List<ChatRenderer.Message> messages = chat ? messages(body, errors, media) : List.of();
        List<GenerationCall.Prompt> prompts = chat ? List.of() : prompts(body, "prompt", errors);
        Integer maxTokens = chat && f.present("max_completion_tokens") ? f.intValue("max_completion_tokens")
                : f.intValue("max_tokens");
        boolean stream = Boolean.TRUE.equals(f.bool("stream"));
        JsonNode options = f.raw("stream_options");
        boolean includeUsage = true;
        boolean continuous = false;
        if (options != null) {
            if (!options.isObject()) {
                errors.add("model_type", "Input should be a valid dictionary or instance of StreamOptions",
                        "stream_options");
            } else {
                includeUsage = !Boolean.FALSE.equals(f.bool(options.get("include_usage"), "stream_options",
                        "include_usage"));
                continuous = Boolean.TRUE.equals(f.bool(options.get("continuous_usage_stats"), "stream_options",
                        "continuous_usage_stats"));
            }
        }
        Integer logprobs = chat ? chatLogprobs(f, errors) : f.intValue("logprobs");
        GenerationCall call = new GenerationCall(chat, model, messages,
                !Boolean.FALSE.equals(f.bool("add_generation_prompt")), prompts, maxTokens, f.intValue("n"),
                stops(f, errors), f.longValue("seed"), f.doubleValue("temperature"), f.doubleValue("top_p"),
                f.intValue("top_k"), f.doubleValue("min_p"), f.doubleValue("presence_penalty"),
                f.doubleValue("frequency_penalty"), f.doubleValue("repetition_penalty"),
                Boolean.TRUE.equals(f.bool("ignore_eos")), f.intValue("min_tokens"),
                Boolean.TRUE.equals(f.bool("include_stop_str_in_output")), stream, options != null, includeUsage,
                continuous, logprobs, f.string("request_id"), Boolean.TRUE.equals(f.bool("echo")),
                f.intValue("best_of"), f.raw("tool_choice") != null && f.raw("tool_choice").isTextual()
                        ? f.raw("tool_choice").textValue() : null, namedTool(f.raw("tool_choice"), errors),
                chat ? tools(f.raw("tools"), errors) : List.of(),
                StructuredOutputs.read(body, mapper, dialect, errors),
                chat && !body.path("chat_template_kwargs").path("enable_thinking").asBoolean(true),
                !Boolean.FALSE.equals(f.bool("parallel_tool_calls")), media.build());
        if (options != null && !stream && !errors.any()) {
            errors.add("value_error", "Value error, Stream options can only be defined when `stream=True`.");
        }
        if (dialect.guidedFields() && guidedOptions(f) > 1 && !errors.any()) {
            errors.add("value_error", "Value error, You can only use one kind of guided decoding ('guided_json', "
                    + "'guided_regex' or 'guided_choice').");
        }
        if (errors.any()) {
            throw errorBodies.schema(errors.message());
        }
        return call;
    }

    /** The function a {@code tool_choice} object names ({@code {"type":"function","function":{"name":...}}}). */
    private static String namedTool(JsonNode choice, SchemaErrors errors) {
        if (choice == null || !choice.isObject()) {
            return null;
        }
        JsonNode name = choice.path("function").get("name");
        if (name == null || !name.isTextual()) {
            errors.add("missing", "Field required", "tool_choice", "function", "name");
            return null;
        }
        return name.textValue();
    }

    /** The request's function tools: name and parameters schema. */
    private static List<ToolPlan.Tool> tools(JsonNode tools, SchemaErrors errors) {
        if (tools == null) {
            return List.of();
        }
        if (!tools.isArray()) {
            errors.add("list_type", "Input should be a valid list", "tools");
            return List.of();
        }
        List<ToolPlan.Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            JsonNode name = tools.get(i).path("function").get("name");
            if (name == null || !name.isTextual()) {
                errors.add("missing", "Field required", "tools", i, "function", "name");
                continue;
            }
            JsonNode parameters = tools.get(i).path("function").get("parameters");
            out.add(new ToolPlan.Tool(name.textValue(), parameters == null || parameters.isNull() ? null
                    : parameters, tools.get(i).toString()));
        }
        return out;
    }

    private static int guidedOptions(FieldReader f) {
        int count = 0;
        for (String field : new String[] {"guided_json", "guided_regex", "guided_choice"}) {
            JsonNode value = f.raw(field);
            if (value != null && !value.isNull()) {
                count++;
            }
        }
        return count;
    }

    private static Integer chatLogprobs(FieldReader f, SchemaErrors errors) {
        boolean logprobs = Boolean.TRUE.equals(f.bool("logprobs"));
        Integer top = f.intValue("top_logprobs");
        if (top != null && (top == -1 || top > 0) && !logprobs) {
            errors.add("value_error", "Value error, when using `top_logprobs`, `logprobs` must be set to true.");
        }
        return logprobs ? (top == null ? 0 : top) : null;
    }

    private static List<ChatRenderer.Message> messages(JsonNode body, SchemaErrors errors, ChatMedia.Builder media) {
        JsonNode list = body.get("messages");
        if (list == null) {
            errors.add("missing", "Field required", "messages");
            return List.of();
        }
        if (!list.isArray()) {
            errors.add("list_type", "Input should be a valid list", "messages");
            return List.of();
        }
        List<ChatRenderer.Message> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            if (!m.isObject()) {
                errors.add("dict_type", "Input should be a valid dictionary", "messages", i);
                continue;
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                errors.add(role == null ? "missing" : "string_type",
                        role == null ? "Field required" : "Input should be a valid string", "messages", i, "role");
                continue;
            }
            out.add(new ChatRenderer.Message(role.textValue(), content(m.get("content"), errors, i, out.size(), media),
                    toolCalls(m.get("tool_calls"))));
        }
        return out;
    }

    /** An assistant message's tool calls as Qwen's template writes them; arguments compacted when they are JSON. */
    static List<String> toolCalls(JsonNode calls) {
        if (calls == null || !calls.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(calls.size());
        for (JsonNode call : calls) {
            out.add(QwenChatTemplate.toolCall(call));
        }
        return out;
    }

    private static String content(JsonNode content, SchemaErrors errors, int index, int position,
            ChatMedia.Builder media) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            return media.contentText(position, content);
        }
        errors.add("string_type", "Input should be a valid string", "messages", index, "content");
        return null;
    }

    /**
     * The prompts in {@code body.field}: a string, a list of strings, a list of token ids, or a list of token-id
     * lists (completions' {@code prompt}, embeddings' {@code input}); schema errors name {@code field}.
     */
    static List<GenerationCall.Prompt> prompts(JsonNode body, String field, SchemaErrors errors) {
        JsonNode p = body.get(field);
        if (p == null || p.isNull()) {
            errors.add("missing", "Field required", field);
            return List.of();
        }
        if (p.isTextual()) {
            return List.of(new GenerationCall.Prompt(p.textValue(), null));
        }
        if (p.isArray() && p.size() > 0) {
            if (p.get(0).isIntegralNumber()) {
                int[] ids = tokenIds(p);
                if (ids != null) {
                    return List.of(new GenerationCall.Prompt(null, ids));
                }
            } else {
                List<GenerationCall.Prompt> out = new ArrayList<>();
                for (JsonNode item : p) {
                    if (item.isTextual()) {
                        out.add(new GenerationCall.Prompt(item.textValue(), null));
                    } else if (item.isArray() && tokenIds(item) != null) {
                        out.add(new GenerationCall.Prompt(null, tokenIds(item)));
                    } else {
                        errors.add("string_type", "Input should be a valid string", field);
                        return List.of();
                    }
                }
                return out;
            }
        }
        errors.add("string_type", "Input should be a valid string", field);
        return List.of();
    }

    private static int[] tokenIds(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            if (!array.get(i).isIntegralNumber()) {
                return null;
            }
            ids[i] = array.get(i).intValue();
        }
        return ids;
    }

    private static List<String> stops(FieldReader f, SchemaErrors errors) {
        JsonNode stop = f.raw("stop");
        if (stop == null) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (stop.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    errors.add("string_type", "Input should be a valid string", "stop");
                    return List.of();
                }
                out.add(s.textValue());
            }
            return out;
        }
        errors.add("string_type", "Input should be a valid string", "stop");
        return List.of();
    }
}
