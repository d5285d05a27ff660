package io.ascendgw.gateway.sim.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.metrics.SimMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The simulator's control API (never part of vLLM): {@code GET /sim/state} and {@code POST /sim/faults} with any of
 * {@code {"clear":true,"hang":bool,"hangHttp":bool,"dead":bool,"failRate":P,"abortStreamAfterTokens":K,
 * "crashExitCode":N,"crash":true}} (applied in that order; the answer is the new state). These routes keep
 * answering while HTTP is hung, so a chaos test can always clear a fault.
 */
final class FaultControlRoute {

    private final ServerContext ctx;
    private final ObjectMapper mapper;

    FaultControlRoute(ServerContext ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
    }

    void state(HttpServerRequest req) {
        Responses.json(req.response(), 200, stateJson());
    }

    void faults(HttpServerRequest req, Vertx vertx) {
        req.body().onSuccess(body -> {
            JsonNode json;
            try {
                json = body.length() == 0 ? mapper.createObjectNode() : mapper.readTree(body.getBytes());
            } catch (IOException e) {
                Responses.json(req.response(), 400, "{\"detail\":\"body must be a JSON object\"}");
                return;
            }
            if (json == null || !json.isObject()) {
                Responses.json(req.response(), 400, "{\"detail\":\"body must be a JSON object\"}");
                return;
            }
            Faults faults = ctx.faults();
            boolean wasDead = faults.dead();
            if (json.path("clear").asBoolean(false)) {
                faults.clear();
            }
            faults.update(bool(json, "hang"), bool(json, "hangHttp"), bool(json, "dead"),
                    json.hasNonNull("failRate") ? json.get("failRate").asDouble() : null,
                    json.hasNonNull("abortStreamAfterTokens") ? json.get("abortStreamAfterTokens").asInt() : null,
                    json.hasNonNull("crashExitCode") ? json.get("crashExitCode").asInt() : null);
            if (faults.dead() && !wasDead) {
                ctx.log().error("core_client.py:564", "Engine core proc EngineCore_DP0 died unexpectedly, "
                        + "shutting down client.");
                ctx.engine().failAll(ErrorBodies.ENGINE_DEAD);
            }
            Responses.json(req.response(), 200, stateJson());
            if (json.path("crash").asBoolean(false)) {
                int code = faults.crashExitCode();
                vertx.setTimer(50, id -> ctx.crash().accept(code));
            }
        });
    }

    private String stateJson() {
        Faults f = ctx.faults();
        SimMetrics m = ctx.metrics();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", ctx.dialect().version());
        ObjectNode faults = root.putObject("faults");
        faults.put("hang", f.engineHung());
        faults.put("hangHttp", f.httpHung());
        faults.put("hangHttpOnHang", f.hangHttpOnHang());
        faults.put("dead", f.dead());
        faults.put("failRate", f.failRate());
        faults.put("abortStreamAfterTokens", f.abortStreamAfterTokens());
        faults.put("crashAfterRequests", f.crashAfterRequests());
        faults.put("hangAfterRequests", f.hangAfterRequests());
        faults.put("crashExitCode", f.crashExitCode());
        ObjectNode engine = root.putObject("engine");
        engine.put("generationRequests", f.generationRequests());
        engine.put("inFlight", ctx.inFlight().get());
        engine.put("running", m.running());
        engine.put("waiting", m.waiting());
        engine.put("kvUsage", m.kvUsage());
        engine.put("totalBlocks", m.totalBlocks());
        engine.put("preemptions", m.preemptionsTotal());
        engine.put("promptTokens", m.promptTokensTotal());
        engine.put("generationTokens", m.generationTokensTotal());
        engine.put("prefixQueryTokens", m.prefixQueriedTokensTotal());
        engine.put("prefixHitTokens", m.prefixHitTokensTotal());
        return root.toString();
    }

    private static Boolean bool(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }
}
