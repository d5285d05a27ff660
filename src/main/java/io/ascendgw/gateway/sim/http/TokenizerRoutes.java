package io.ascendgw.gateway.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.images.ChatMedia;
import io.ascendgw.gateway.sim.text.ApproxTokenizer;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.ascendgw.gateway.sim.text.TokenLogprobs;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /tokenize} and {@code POST /detokenize} with the approximate tokenizer: pseudo ids of four UTF-8 bytes
 * each, so that detokenizing what was tokenized gives the text back. An unknown {@code model} is a 404, as in vLLM.
 */
final class TokenizerRoutes {

    private static final String LOG_LOCATION = "serving_tokenization.py:120";

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;
    private final MediaResolver media;

    TokenizerRoutes(ServerContext ctx, ObjectMapper mapper, MediaResolver media) {
        this.ctx = ctx;
        this.media = media;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
    }

    /** {@code {"count":N,"max_model_len":M,"tokens":[...]}} (V1 adds {@code "token_strs":null}). */
    void tokenize(HttpServerRequest req) {
        withBody(req, body -> {
            ChatMedia.Builder found = new ChatMedia.Builder();
            List<ChatRenderer.Message> messages = messages(body, found);
            ChatMedia chatMedia = found.build();
            if (chatMedia.any()) {
                JsonEndpoint.after(media.render(chatMedia, messages), ctx, errors, req, LOG_LOCATION,
                        rendered -> answerTokens(req, chatPrompt(body, rendered.messages())));
                return;
            }
            answerTokens(req, messages != null ? chatPrompt(body, messages) : body.path("prompt").asText());
        });
    }

    private void answerTokens(HttpServerRequest req, String prompt) {
        int[] ids = ApproxTokenizer.pseudoTokenIds(prompt.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(64 + ids.length * 11).append("{\"count\":").append(ids.length)
                .append(",\"max_model_len\":").append(ctx.args().vllm().maxModelLen()).append(",\"tokens\":[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i > 0 ? "," : "").append(ids[i]);
        }
        sb.append(']');
        if (!ctx.dialect().legacy()) {
            sb.append(",\"token_strs\":null");
        }
        Responses.json(req.response(), 200, sb.append('}').toString());
    }

    /** {@code {"prompt":"..."}}: the text of the ids. */
    void detokenize(HttpServerRequest req) {
        withBody(req, body -> {
            JsonNode tokens = body.get("tokens");
            if (tokens == null || !tokens.isArray()) {
                SchemaErrors schema = new SchemaErrors();
                schema.add(tokens == null ? "missing" : "list_type",
                        tokens == null ? "Field required" : "Input should be a valid list", "tokens");
                throw errors.schema(schema.message());
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode id : tokens) {
                text.append(TokenLogprobs.decode(id.asInt()));
            }
            Responses.json(req.response(), 200, "{\"prompt\":" + JsonText.quote(text.toString()) + "}");
        });
    }

    /** Reads a JSON object body, checks the model, then answers; errors in vLLM's shapes. */
    private void withBody(HttpServerRequest req, Consumer<JsonNode> answer) {
        JsonEndpoint.serve(ctx, errors, req, LOG_LOCATION, bytes -> {
            JsonNode body = JsonEndpoint.readObject(mapper, errors, bytes);
            JsonNode model = body.get("model");
            if (model != null && model.isTextual() && ctx.served(model.textValue()) == null) {
                throw errors.error(404, "NotFoundError", "The model `" + model.textValue() + "` does not exist.");
            }
            answer.accept(body);
        });
    }

    /** The chat messages of a {@code messages} body (media parts left to {@code media}), null for a prompt body. */
    private static List<ChatRenderer.Message> messages(JsonNode body, ChatMedia.Builder media) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            return null;
        }
        List<ChatRenderer.Message> list = new ArrayList<>();
        for (JsonNode m : messages) {
            JsonNode content = m.get("content");
            String text = content == null || content.isNull() ? null
                    : content.isArray() ? media.contentText(list.size(), content) : content.asText();
            list.add(new ChatRenderer.Message(m.path("role").asText(), text,
                    RequestParser.toolCalls(m.get("tool_calls"))));
        }
        return list;
    }

    private static String chatPrompt(JsonNode body, List<ChatRenderer.Message> messages) {
        List<String> tools = new ArrayList<>();
        body.path("tools").forEach(tool -> tools.add(tool.toString()));
        JsonNode add = body.get("add_generation_prompt");
        return ChatRenderer.render(messages, tools, add == null || add.asBoolean(true));
    }
}
