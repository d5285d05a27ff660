package io.ascendgw.gateway.sim.text;

import java.util.List;

/**
 * Renders chat messages with a ChatML template (Qwen style, without Qwen's default system prompt):
 * {@code <|im_start|>role\ncontent<|im_end|>\n} per message, then {@code <|im_start|>assistant\n} as the
 * generation prompt.
 */
public final class ChatRenderer {

    /** One chat message after content parts were joined. */
    public record Message(String role, String content) {
    }

    private ChatRenderer() {
    }

    /** The prompt text the simulated model sees. */
    public static String render(List<Message> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder(64);
        for (Message m : messages) {
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
