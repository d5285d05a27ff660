package io.ascendgw.gateway.sim.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.VllmArgs;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.engine.SamplingSpec;
import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.format.PyFloat;
import io.ascendgw.gateway.sim.text.EmbeddingVectors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/embeddings} and vLLM's {@code POST /pooling} of a pooling model ({@code --runner pooling}): validated
 * in vLLM's order (schema, model
 * kind, model, length), each input prefilled by the engine like a prompt (queueing, KV cache and prefix cache
 * included), then answered with one unit vector per input, as floats or base64 float32. A generating model refuses
 * it, as vLLM does. Event-loop only; never blocks.
 */
final class EmbeddingsRoute {

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;
    private final PromptEncoder encoder;

    EmbeddingsRoute(ServerContext ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
        this.encoder = new PromptEncoder(ctx.args().vllm().blockSize(), ctx.args().prefixCaching());
    }

    /**
     * The two endpoints answered with a pooling model's vectors: OpenAI's embeddings, and vLLM's generic
     * {@code /pooling} (whose answer for an embedding model is the same vector, in its own envelope).
     */
    enum Api {
        EMBEDDINGS("embd-", "embedding", "embedding", "Embeddings API", "serving_embedding.py:163"),
        POOLING("pool-", "pooling", "data", "Pooling API", "serving_pooling.py:214");

        private final String idPrefix;
        private final String object;
        private final String vectorField;
        private final String name;
        private final String logLocation;

        Api(String idPrefix, String object, String vectorField, String name, String logLocation) {
            this.idPrefix = idPrefix;
            this.object = object;
            this.vectorField = vectorField;
            this.name = name;
            this.logLocation = logLocation;
        }
    }

    void handle(HttpServerRequest req, Api api) {
        long arrival = System.nanoTime();
        JsonEndpoint.serve(ctx, errors, req, api.logLocation, body -> process(req, body, api, arrival));
    }

    /** {@code POST /classify}: no classification model is simulated, so every engine refuses, as vLLM's do. */
    void refuseClassification(HttpServerRequest req) {
        ApiError e = errors.badRequest("The model does not support Classification API");
        Responses.json(req.response(), e.status(), e.body());
    }

    private void process(HttpServerRequest req, Buffer raw, Api api, long arrival) {
        JsonNode body = JsonEndpoint.readObject(mapper, errors, raw);
        List<PromptSpec> inputs = parseInputs(body);
        VllmArgs vllm = ctx.args().vllm();
        if (!vllm.pooling()) {
            throw errors.badRequest("The model does not support " + api.name);
        }
        String model = body.path("model").isTextual() ? body.get("model").textValue() : vllm.primaryModelName();
        if (!vllm.servedModelNames().contains(model)) {
            throw errors.error(404, "NotFoundError", "The model `" + model + "` does not exist.");
        }
        if (body.hasNonNull("dimensions")) {
            throw errors.badRequest("Model \"" + model + "\" does not support matryoshka representation, changing "
                    + "output dimensions will lead to poor results.");
        }
        if (ctx.faults().dead()) {
            throw errors.engineDead();
        }
        for (PromptSpec input : inputs) {
            if (input.tokens() > vllm.maxModelLen()) {
                throw errors.badRequest("This model's maximum context length is " + vllm.maxModelLen() + " tokens. "
                        + "However, you requested " + input.tokens() + " tokens in the input for embedding "
                        + "generation. Please reduce the length of the input.");
            }
        }
        if (!JsonEndpoint.survivesFaults(ctx, errors)) {
            return;
        }
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
        RequestMeta meta = new RequestMeta(api.idPrefix + RequestIds.random(), System.currentTimeMillis() / 1000,
                vllm.primaryModelName());
        // Pooling is one forward pass over the input: a one-token request to the engine, whose token is not shown.
        SamplingSpec prefillOnly = new SamplingSpec(1, 1, 0, false, List.of(), false, ctx.args().sim().seed(), false,
                vllm.maxModelLen());
        JsonEndpoint.answerWhenDone(ctx, errors, req, meta.id(), inputs, prefillOnly, arrival,
                result -> response(api, meta, inputs, result, base64));
    }

    /** The body's inputs, after the schema checks pydantic makes (the same forms as a completion's prompt). */
    private List<PromptSpec> parseInputs(JsonNode body) {
        SchemaErrors schema = new SchemaErrors();
        List<GenerationCall.Prompt> inputs = RequestParser.prompts(body, "input", schema);
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !(format.isTextual()
                && List.of("float", "base64").contains(format.textValue()))) {
            schema.add("literal_error", "Input should be 'float' or 'base64'", "encoding_format");
        }
        if (schema.any()) {
            throw errors.schema(schema.message());
        }
        List<PromptSpec> out = new ArrayList<>(inputs.size());
        for (GenerationCall.Prompt input : inputs) {
            out.add(encoder.encode(input));
        }
        return out;
    }

    private String response(Api api, RequestMeta meta, List<PromptSpec> inputs, GenerationResult result,
            boolean base64) {
        int dim = ctx.args().sim().embeddingDim();
        StringBuilder sb = new StringBuilder(256 + inputs.size() * dim * 22).append(meta.head("list"))
                .append("\"data\":[");
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = EmbeddingVectors.of(inputs.get(i).contentHash(), dim);
            sb.append(i > 0 ? "," : "").append("{\"index\":").append(i).append(",\"object\":\"").append(api.object)
                    .append("\",\"").append(api.vectorField).append("\":");
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    bytes.putFloat(f);
                }
                JsonText.string(sb, Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                sb.append('[');
                for (int c = 0; c < dim; c++) {
                    sb.append(c > 0 ? "," : "").append(PyFloat.repr(vector[c]));
                }
                sb.append(']');
            }
            sb.append('}');
        }
        int tokens = result.promptTokens();
        return sb.append("],\"usage\":{\"prompt_tokens\":").append(tokens).append(",\"total_tokens\":").append(tokens)
                .append(",\"completion_tokens\":0,\"prompt_tokens_details\":null}}").toString();
    }
}
