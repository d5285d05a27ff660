package io.ascendgw.gateway.sim.text;

import java.util.List;

/**
 * Renders chat messages with a ChatML template (Qwen style, without Qwen's default system prompt):
 * {@code <|im_start|>role\ncontent<|im_end|>\n} per message, then {@code <|im_start|>assistant\n} as the
 * generation prompt. Tool definitions go into the system message as Qwen2.5's template puts them (after the
 * request's own system message, one compact JSON definition per line), so they count as prompt tokens and share
 * their prefix across an agent's requests.
 */
public final class ChatRenderer {

    /** One chat message after content parts were joined. */
    public record Message(String role, String content) {
    }

    private ChatRenderer() {
    }

    /** Qwen2.5's template text around the tool definitions. */
    public static final String TOOLS_INTRO = "\n\n# Tools\n\nYou may call one or more functions to assist with the "
            + "user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
    public static final String TOOLS_OUTRO = "\n</tools>\n\nFor each function call, return a json object with "
            + "function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": "
            + "<function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

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
            sb.append(TOOLS_INTRO);
            for (String definition : toolDefinitions) {
                sb.append('\n').append(definition);
            }
            sb.append(TOOLS_OUTRO).append("<|im_end|>\n");
        }
        for (Message m : messages.subList(first, messages.size())) {
            sb.append("<|im_start|>").append(m.role()).append('\n');
            if (m.content() != null) {
                sb.append(m.content());
            }
            sb.append("<|im_end|>\n");
        }
        if (addGenerationPrompt) {
            sb.append("<|im_start|>assistant\n");
        }
        return sb.toString();
    }
}
