package io.ascendgw.gateway.sim.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.metrics.MetricsText;
import io.ascendgw.gateway.sim.text.ApproxTokenizer;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** {@code /health}, {@code /ping}, {@code /version}, {@code /load}, {@code /metrics}, {@code /v1/models}, {@code /tokenize}. */
final class InfoRoutes {

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;

    InfoRoutes(ServerContext ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
    }

    /** 200 empty; a dead engine answers 503 (0.11+) or 500; a hung engine still answers 200, as vLLM does. */
    void health(HttpServerRequest req) {
        Responses.empty(req.response(), ctx.faults().dead() ? ctx.dialect().deadHealthStatus() : 200);
    }

    void version(HttpServerRequest req) {
        Responses.json(req.response(), 200, "{\"version\":" + JsonText.quote(ctx.dialect().version()) + "}");
    }

    void load(HttpServerRequest req) {
        int load = ctx.args().vllm().enableServerLoadTracking() ? ctx.inFlight().get() : 0;
        Responses.json(req.response(), 200, "{\"server_load\":" + load + "}");
    }

    void metrics(HttpServerRequest req) {
        req.response().putHeader(HttpHeaders.CONTENT_TYPE, MetricsText.CONTENT_TYPE)
                .end(Buffer.buffer(ctx.metricsText().render()));
    }

    void models(HttpServerRequest req) {
        long created = System.currentTimeMillis() / 1000;
        StringBuilder sb = new StringBuilder(512).append("{\"object\":\"list\",\"data\":[");
        List<String> names = ctx.args().vllm().servedModelNames();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":");
            JsonText.string(sb, names.get(i)).append(",\"object\":\"model\",\"created\":").append(created)
                    .append(",\"owned_by\":\"vllm\",\"root\":");
            JsonText.string(sb, ctx.args().vllm().model()).append(",\"parent\":null,\"max_model_len\":")
                    .append(ctx.args().vllm().maxModelLen()).append(",\"permission\":[{\"id\":\"modelperm-")
                    .append(RequestIds.random()).append("\",\"object\":\"model_permission\",\"created\":")
                    .append(created).append(",\"allow_create_engine\":false,\"allow_sampling\":true,"
                            + "\"allow_logprobs\":true,\"allow_search_indices\":false,\"allow_view\":true,"
                            + "\"allow_fine_tuning\":false,\"organization\":\"*\",\"group\":null,"
                            + "\"is_blocking\":false}]}");
        }
        Responses.json(req.response(), 200, sb.append("]}").toString());
    }

    /** {@code {"count":N,"max_model_len":M,"tokens":[...]}} with the approximate tokenizer's pseudo ids. */
    void tokenize(HttpServerRequest req) {
        if (!GenerationRoute.isJson(req.getHeader("content-type"))) {
            ApiError e = errors.unsupportedMediaType();
            Responses.json(req.response(), e.status(), e.body());
            return;
        }
        req.body().onSuccess(body -> {
            String text;
            try {
                text = promptText(mapper.readTree(body.getBytes()));
            } catch (IOException | RuntimeException e) {
                ApiError error = errors.schema("[{'type': 'json_invalid', 'loc': ('body', 0), 'msg': 'JSON decode "
                        + "error'}]");
                Responses.json(req.response(), error.status(), error.body());
                return;
            }
            int[] ids = ApproxTokenizer.pseudoTokenIds(text.getBytes(StandardCharsets.UTF_8));
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
        });
    }

    private static String promptText(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            List<ChatRenderer.Message> list = new ArrayList<>();
            for (JsonNode m : messages) {
                JsonNode content = m.get("content");
                list.add(new ChatRenderer.Message(m.path("role").asText(),
                        content == null || content.isNull() ? null : content.asText()));
            }
            JsonNode add = body.get("add_generation_prompt");
            return ChatRenderer.render(list, add == null || add.asBoolean(true));
        }
        return body.path("prompt").asText();
    }
}
