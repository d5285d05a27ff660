package io.ascendgw.gateway.sim.http;

import java.util.List;


import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.lora.LoraAdapters;
import io.ascendgw.gateway.sim.metrics.MetricsText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** {@code /health}, {@code /ping}, {@code /version}, {@code /load}, {@code /metrics}, {@code /v1/models}. */
final class InfoRoutes {

    private final ServerContext ctx;

    InfoRoutes(ServerContext ctx) {
        this.ctx = ctx;
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
                    .append(ctx.args().vllm().maxModelLen()).append(",\"permission\":[");
            permission(sb, created);
            sb.append("]}");
        }
        for (LoraAdapters.Adapter adapter : ctx.loras().all()) {
            // vLLM's LoRA card: the adapter's path as root, the model it adapts as parent, no max_model_len
            sb.append(",{\"id\":");
            JsonText.string(sb, adapter.name()).append(",\"object\":\"model\",\"created\":").append(created)
                    .append(",\"owned_by\":\"vllm\",\"root\":");
            JsonText.string(sb, adapter.path()).append(",\"parent\":");
            JsonText.string(sb, adapter.parent()).append(",\"max_model_len\":null,\"permission\":[");
            permission(sb, created);
            sb.append("]}");
        }
        Responses.json(req.response(), 200, sb.append("]}").toString());
    }

    /** A model card's permission object; its id is random per call, as vLLM's. */
    private static void permission(StringBuilder sb, long created) {
        sb.append("{\"id\":\"modelperm-").append(RequestIds.random())
                .append("\",\"object\":\"model_permission\",\"created\":").append(created)
                .append(",\"allow_create_engine\":false,\"allow_sampling\":true,\"allow_logprobs\":true,"
                        + "\"allow_search_indices\":false,\"allow_view\":true,\"allow_fine_tuning\":false,"
                        + "\"organization\":\"*\",\"group\":null,\"is_blocking\":false}");
    }
}
