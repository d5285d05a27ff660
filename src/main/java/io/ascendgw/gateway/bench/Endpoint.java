package io.ascendgw.gateway.bench;

import java.util.Locale;

/** Which OpenAI-compatible API the load generator calls. */
public enum Endpoint {
    /** {@code POST /v1/chat/completions} with a system (shared prefix) and a user message. */
    CHAT("/v1/chat/completions"),
    /** {@code POST /v1/completions} with one prompt string. */
    COMPLETIONS("/v1/completions");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The request path below the base URL, starting with {@code /v1/}. */
    public String path() {
        return path;
    }

    /** Parses the flag value {@code chat} or {@code completions}. */
    public static Endpoint parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "chat", "chat-completions", "/v1/chat/completions" -> CHAT;
            case "completions", "completion", "/v1/completions" -> COMPLETIONS;
            default -> throw new IllegalArgumentException(
                    "--endpoint must be chat or completions, got '" + value + "'");
        };
    }

    /** The flag spelling of this endpoint. */
    public String flagValue() {
        return this == CHAT ? "chat" : "completions";
    }
}
