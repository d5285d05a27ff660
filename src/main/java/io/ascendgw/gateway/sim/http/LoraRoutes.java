package io.ascendgw.gateway.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.lora.LoraException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/load_lora_adapter} and {@code POST /v1/unload_lora_adapter}, served (as by vLLM) only when
 * {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING} is set: a plain-text success line, or vLLM's error. Event-loop only.
 */
final class LoraRoutes {

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;

    LoraRoutes(ServerContext ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
    }

    /** Whether the endpoints exist at all (404 otherwise). */
    boolean enabled() {
        return ctx.loras().settings().runtimeUpdating();
    }

    void load(HttpServerRequest req) {
        JsonEndpoint.serve(ctx, errors, req, "api_server.py:1015", bytes -> {
            SchemaErrors schema = new SchemaErrors();
            FieldReader fields = new FieldReader(JsonEndpoint.readObject(mapper, errors, bytes), schema);
            String name = fields.requiredString("lora_name");
            String path = fields.requiredString("lora_path");
            if (schema.any()) {
                throw errors.schema(schema.message());
            }
            try {
                ctx.loras().load(name, path, null);
            } catch (LoraException e) {
                throw errors.error(e.status(), e.type(), e.getMessage());
            }
            ctx.log().info("serving_models.py:178", "Loaded new LoRA adapter: name '" + name + "', path '" + path
                    + "'");
            success(req, "Success: LoRA adapter '" + name + "' added successfully.");
        });
    }

    void unload(HttpServerRequest req) {
        JsonEndpoint.serve(ctx, errors, req, "api_server.py:1032", bytes -> {
            SchemaErrors schema = new SchemaErrors();
            String name = new FieldReader(JsonEndpoint.readObject(mapper, errors, bytes), schema)
                    .requiredString("lora_name");
            if (schema.any()) {
                throw errors.schema(schema.message());
            }
            try {
                ctx.loras().unload(name);
            } catch (LoraException e) {
                throw errors.error(e.status(), e.type(), e.getMessage());
            }
            ctx.log().info("serving_models.py:203", "Removed LoRA adapter: name '" + name + "'");
            success(req, "Success: LoRA adapter '" + name + "' removed successfully.");
        });
    }

    /** vLLM answers with a bare string body (Starlette's {@code Response}, no content type). */
    private static void success(HttpServerRequest req, String text) {
        if (!req.response().ended() && !req.response().closed()) {
            req.response().setStatusCode(200).end(Buffer.buffer(text));
        }
    }
}
