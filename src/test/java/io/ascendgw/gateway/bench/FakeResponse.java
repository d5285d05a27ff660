package io.ascendgw.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/** Writes one fake response (stream or JSON) following a {@link FakeOpenAiServer.Behavior} and mode. */
final class FakeResponse {

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final FakeOpenAiServer.Behavior behavior;
    private final FakeOpenAiServer.Mode mode;
    private final boolean chat;
    private final int tokens;
    private final boolean stream;
    private int written;

    FakeResponse(Vertx vertx, HttpServerResponse response, FakeOpenAiServer.Behavior behavior,
            FakeOpenAiServer.Mode mode, boolean chat, int tokens, boolean stream) {
        this.vertx = vertx;
        this.response = response;
        this.behavior = behavior;
        this.mode = mode;
        this.chat = chat;
        this.tokens = tokens;
        this.stream = stream;
    }

    void start() {
        switch (mode) {
            case HANG -> {
            }
            case HTTP_500 -> response.setStatusCode(500).putHeader("content-type", "application/json")
                    .end("{\"object\":\"error\",\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}");
            default -> {
                if (stream) {
                    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
                    if (chat) {
                        response.write(event(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")));
                    }
                    after(behavior.firstChunkDelay().toMillis(), this::nextChunk);
                } else {
                    long total = behavior.firstChunkDelay().toMillis()
                            + behavior.interChunkDelay().toMillis() * Math.max(0, tokens - 1);
                    after(total, this::wholeBody);
                }
            }
        }
    }

    private void nextChunk() {
        written++;
        response.write(event(chunk(chat ? "{\"content\":\" tok" + written + "\"}" : "\" tok" + written + "\"",
                "null")));
        if (mode == FakeOpenAiServer.Mode.CLOSE_MID_STREAM && written == Math.max(1, tokens / 2)) {
            response.close();
            return;
        }
        if (mode == FakeOpenAiServer.Mode.IN_BAND_ERROR && written == 1) {
            response.write(event("{\"error\": {\"object\": \"error\", \"message\": \"engine failed\", "
                    + "\"type\": \"BadRequestError\", \"param\": null, \"code\": 400}}"));
            response.end(event("[DONE]"));
            return;
        }
        if (written < tokens) {
            after(behavior.interChunkDelay().toMillis(), this::nextChunk);
            return;
        }
        response.write(event(chunk(chat ? "{\"content\":\"\"}" : "\"\"", "\"length\"")));
        response.write(event(usageChunk()));
        if (mode == FakeOpenAiServer.Mode.NO_DONE) {
            response.end();
        } else {
            response.end(event("[DONE]"));
        }
    }

    private void wholeBody() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= tokens; i++) {
            text.append(" tok").append(i);
        }
        String choice = chat
                ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                        + "\"},\"finish_reason\":\"length\"}"
                : "{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":\"length\"}";
        response.putHeader("content-type", "application/json").end("{\"id\":\"x\",\"object\":\""
                + (chat ? "chat.completion" : "text_completion") + "\",\"model\":\"" + FakeOpenAiServer.MODEL
                + "\",\"choices\":[" + choice + "],\"usage\":" + usage() + "}");
    }

    private String chunk(String deltaOrText, String finishReason) {
        String choice = chat
                ? "{\"index\":0,\"delta\":" + deltaOrText + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}"
                : "{\"index\":0,\"text\":" + deltaOrText + ",\"logprobs\":null,\"finish_reason\":" + finishReason
                        + ",\"stop_reason\":null}";
        return "{\"id\":\"x\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                + "\",\"created\":1,\"model\":\"" + FakeOpenAiServer.MODEL + "\",\"choices\":[" + choice + "]"
                + (chat ? "" : ",\"usage\":null") + "}";
    }

    private String usageChunk() {
        return "{\"id\":\"x\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                + "\",\"created\":1,\"model\":\"" + FakeOpenAiServer.MODEL + "\",\"choices\":[],\"usage\":" + usage()
                + "}";
    }

    private String usage() {
        return "{\"prompt_tokens\":" + behavior.promptTokens() + ",\"total_tokens\":"
                + (behavior.promptTokens() + tokens) + ",\"completion_tokens\":" + tokens + "}";
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private void after(long millis, Runnable action) {
        if (millis <= 0) {
            action.run();
        } else {
            vertx.setTimer(millis, id -> action.run());
        }
    }
}
