package io.ascendgw.gateway.routing.prefix;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.prompt.ContentParts;
import io.ascendgw.gateway.prompt.QwenChatTemplate;

/**
 * Renders a request's prompt canonically, so equal prompts give equal bytes however the JSON was spelled: chat
 * messages in order with a ChatML template ({@code <|im_start|>role\ncontent<|im_end|>\n}, content parts' text joined
 * by newlines, then the generation prompt; tool definitions in the system message as Qwen2.5's template puts them,
 * one compact JSON definition per line, so an agent's long tool list is part of the prefix it shares; an assistant's
 * tool calls as Qwen's {@code <tool_call>} blocks, tool results as {@code <tool_response>} blocks), a Responses
 * API request likewise (instructions as the system message), completions' prompt text as is (the first prompt of a
 * list), token-id prompts as their ids. An image part takes its place among the parts as {@link PromptSink#image}
 * renders it: its identity, weighing about the tokens a Qwen-VL processor gives it. Stateless; any thread.
 */
final class PromptRenderer {

    private static final String START = "<|im_start|>";
    private static final String END = "<|im_end|>\n";

    private PromptRenderer() {
    }

    static void render(InferenceRequest request, PromptSink sink) {
        if (request.endpoint() == ApiEndpoint.CHAT
                || (request.endpoint() == ApiEndpoint.TOKENIZE && request.body().has("messages"))) {
            chat(request.body().path("messages"), request.body().path("tools"), sink);
        } else if (request.endpoint() == ApiEndpoint.RESPONSES) {
            response(request.body(), sink);
        } else {
            completion(request.body().path("prompt"), sink);
        }
    }

    private static void chat(JsonNode messages, JsonNode tools, PromptSink sink) {
        int first = 0;
        if (tools.isArray() && !tools.isEmpty()) {
            sink.text(START);
            sink.text("system\n");
            if ("system".equals(messages.path(0).path("role").asText())) {
                content(messages.get(0).path("content"), sink);
                first = 1;
            }
            sink.text(QwenChatTemplate.TOOLS_INTRO);
            for (JsonNode tool : tools) {
                sink.text("\n");
                sink.text(tool.toString());
            }
            sink.text(QwenChatTemplate.TOOLS_OUTRO);
            sink.text(END);
        }
        for (int i = first; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            JsonNode calls = message.path("tool_calls");
            if (role.equals("tool")) {
                // Qwen's template: consecutive tool results share one user turn
                if (i == first || !"tool".equals(messages.get(i - 1).path("role").asText())) {
                    sink.text(START);
                    sink.text("user");
                }
                sink.text("\n<tool_response>\n");
                content(message.path("content"), sink);
                sink.text("\n</tool_response>");
                if (i == messages.size() - 1 || !"tool".equals(messages.get(i + 1).path("role").asText())) {
                    sink.text(END);
                }
            } else if (calls.isArray() && !calls.isEmpty()) {
                toolCalls(role, message.path("content"), calls, sink);
            } else {
                message(role, message.path("content"), sink);
            }
        }
        sink.text(START);
        sink.text("assistant\n");
    }

    /** An assistant turn that calls tools, as Qwen's template writes it: the text, then one block per call. */
    private static void toolCalls(String role, JsonNode content, JsonNode calls, PromptSink sink) {
        sink.text(START);
        sink.text(role);
        if (content.isTextual() && !content.textValue().isEmpty()) {
            sink.text("\n");
            sink.text(content.textValue());
        }
        for (JsonNode call : calls) {
            sink.text("\n<tool_call>\n");
            sink.text(QwenChatTemplate.toolCall(call));
            sink.text("\n</tool_call>");
        }
        sink.text(END);
    }

    /**
     * A Responses API request as the engine renders it: the instructions as a system message, then the input (a
     * string is one user message), so a conversation sent there and as a chat share their prefix.
     */
    private static void response(JsonNode body, PromptSink sink) {
        JsonNode instructions = body.path("instructions");
        if (instructions.isTextual() && !instructions.textValue().isEmpty()) {
            message("system", instructions, sink);
        }
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            message("user", input, sink);
        } else {
            for (JsonNode item : input) {
                if (item.path("role").isTextual()) {
                    message(item.get("role").textValue(), item.path("content"), sink);
                }
            }
        }
        sink.text(START);
        sink.text("assistant\n");
    }

    private static void message(String role, JsonNode content, PromptSink sink) {
        sink.text(START);
        sink.text(role);
        sink.text("\n");
        content(content, sink);
        sink.text(END);
    }

    private static void content(JsonNode content, PromptSink sink) {
        if (content.isTextual()) {
            sink.text(content.textValue());
            return;
        }
        if (content.isArray()) {
            boolean first = true;
            for (JsonNode part : content) {
                JsonNode text = part.get("text");
                String imageUrl = text == null ? ContentParts.url(part, "image_url") : null;
                if ((text == null || !text.isTextual()) && imageUrl == null) {
                    continue;
                }
                if (!first) {
                    sink.text("\n");
                }
                if (imageUrl != null) {
                    sink.image(imageUrl);
                } else {
                    sink.text(text.textValue());
                }
                first = false;
            }
        }
    }

    private static void completion(JsonNode prompt, PromptSink sink) {
        if (prompt.isTextual()) {
            sink.text(prompt.textValue());
            return;
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            return;
        }
        JsonNode first = prompt.get(0);
        if (first.isTextual()) {
            sink.text(first.textValue());
        } else if (first.isIntegralNumber()) {
            ids(prompt, sink);
        } else if (first.isArray()) {
            ids(first, sink);
        }
    }

    private static void ids(JsonNode ids, PromptSink sink) {
        for (JsonNode id : ids) {
            sink.tokenId(id.asInt());
        }
    }
}
