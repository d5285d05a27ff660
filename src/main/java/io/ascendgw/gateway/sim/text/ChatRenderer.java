package io.ascendgw.gateway.sim.text;

import java.util.List;

import io.ascendgw.gateway.prompt.QwenChatTemplate;

/**
 * Renders chat messages with a ChatML template (Qwen style, without Qwen's default system prompt):
 * {@code <|im_start|>role\ncontent<|im_end|>\n} per message, then {@code <|im_start|>assistant\n} as the
 * generation prompt. Tool definitions go into the system message as Qwen2.5's template puts them (after the
 * request's own system message, one compact JSON definition per line), so they count as prompt tokens and share
 * their prefix across an agent's requests; an assistant's tool calls are rendered as Qwen's {@code <tool_call>}
 * blocks and tool results as {@code <tool_response>} blocks in one user turn, so an agent loop's history counts as
 * the model sees it.
 */
public final class ChatRenderer {

    /**
     * One chat message after content parts were joined.
     *
     * @param toolCalls an assistant's tool calls, each {@code {"name": "...", "arguments": {...}}} as Qwen writes it
     */
    public record Message(String role, String content, List<String> toolCalls) {

        public Message {
            toolCalls = List.copyOf(toolCalls);
        }

        public Message(String role, String content) {
            this(role, content, List.of());
        }
    }

    private ChatRenderer() {
    }

    /** The prompt text the simulated model sees. */
    public static String render(List<Message> messages, boolean addGenerationPrompt) {
        return render(messages, List.of(), addGenerationPrompt);
    }

    /** The prompt text of a chat offering {@code toolDefinitions} (each tool's JSON, compact). */
    public static String render(List<Message> messages, List<String> toolDefinitions, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder(64);
        int first = 0;
        if (!toolDefinitions.isEmpty()) {
            sb.append("<|im_start|>system\n");
            if (!messages.isEmpty() && "system".equals(messages.get(0).role())) {
                if (messages.get(0).content() != null) {
                    sb.append(messages.get(0).content());
                }
                first = 1;
            }
            sb.append(QwenChatTemplate.TOOLS_INTRO);
            for (String definition : toolDefinitions) {
                sb.append('\n').append(definition);
            }
            sb.append(QwenChatTemplate.TOOLS_OUTRO).append("<|im_end|>\n");
        }
        for (int i = first; i < messages.size(); i++) {
            Message m = messages.get(i);
            if ("tool".equals(m.role())) {
                // consecutive tool results share one user turn
                if (i == first || !"tool".equals(messages.get(i - 1).role())) {
                    sb.append("<|im_start|>user");
                }
                sb.append("\n<tool_response>\n").append(m.content() == null ? "" : m.content())
                        .append("\n</tool_response>");
                if (i == messages.size() - 1 || !"tool".equals(messages.get(i + 1).role())) {
                    sb.append("<|im_end|>\n");
                }
            } else if (!m.toolCalls().isEmpty()) {
                sb.append("<|im_start|>").append(m.role());
                if (m.content() != null && !m.content().isEmpty()) {
                    sb.append('\n').append(m.content());
                }
                for (String call : m.toolCalls()) {
                    sb.append("\n<tool_call>\n").append(call).append("\n</tool_call>");
                }
                sb.append("<|im_end|>\n");
            } else {
                sb.append("<|im_start|>").append(m.role()).append('\n');
                if (m.content() != null) {
                    sb.append(m.content());
                }
                sb.append("<|im_end|>\n");
            }
        }
        if (addGenerationPrompt) {
            sb.append("<|im_start|>assistant\n");
        }
        return sb.toString();
    }
}
