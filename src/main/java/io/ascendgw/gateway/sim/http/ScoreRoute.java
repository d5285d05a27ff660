package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.VllmArgs;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.engine.SamplingSpec;
import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.format.PyFloat;
import io.ascendgw.gateway.sim.text.EmbeddingVectors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * vLLM's scoring endpoints on an embedding model ({@code --runner pooling}), which V1 answers with the cosine
 * similarity of the two texts' embeddings: {@code POST /score} (and {@code /v1/score}) scores {@code text_1} against
 * {@code text_2} (1:1, 1:N or N:N), {@code POST /rerank} (and {@code /v1/rerank}, {@code /v2/rerank}) ranks
 * {@code documents} by their score against {@code query}, best first, the first {@code top_n}. Every text is
 * prefilled by the engine like an embedding input. A generating model refuses both; so does 0.7.3, which scored with
 * cross-encoders only. Event-loop only; never blocks.
 */
final class ScoreRoute {

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;
    private final PromptEncoder encoder;

    /** The texts of one request and the pairs to score, as indexes into them. */
    private record Pairs(List<String> texts, int[] left, int[] right) {
    }

    ScoreRoute(ServerContext ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
        this.encoder = new PromptEncoder(ctx.args().vllm().blockSize(), ctx.args().prefixCaching());
    }

    void score(HttpServerRequest req) {
        long arrival = System.nanoTime();
        JsonEndpoint.serve(ctx, errors, req, "serving_score.py:402", body -> process(req, body, false, arrival));
    }

    void rerank(HttpServerRequest req) {
        long arrival = System.nanoTime();
        JsonEndpoint.serve(ctx, errors, req, "serving_score.py:452", body -> process(req, body, true, arrival));
    }

    private void process(HttpServerRequest req, Buffer raw, boolean rerank, long arrival) {
        JsonNode body = JsonEndpoint.readObject(mapper, errors, raw);
        Pairs pairs = rerank ? rerankPairs(body) : scorePairs(body);
        VllmArgs vllm = ctx.args().vllm();
        if (!vllm.pooling() || ctx.dialect().legacy()) {
            throw errors.badRequest(rerank ? "The model does not support Rerank (Score) API"
                    : "The model does not support Score API");
        }
        String model = body.path("model").isTextual() ? body.get("model").textValue() : vllm.primaryModelName();
        if (!vllm.servedModelNames().contains(model)) {
            throw errors.error(404, "NotFoundError", "The model `" + model + "` does not exist.");
        }
        if (ctx.faults().dead()) {
            throw errors.engineDead();
        }
        List<PromptSpec> prompts = new ArrayList<>(pairs.texts().size());
        for (String text : pairs.texts()) {
            PromptSpec prompt = encoder.text(text);
            if (prompt.tokens() > vllm.maxModelLen()) {
                throw errors.badRequest("This model's maximum context length is " + vllm.maxModelLen() + " tokens. "
                        + "However, you requested " + prompt.tokens() + " tokens in the input for score. Please "
                        + "reduce the length of the input.");
            }
            prompts.add(prompt);
        }
        if (!JsonEndpoint.survivesFaults(ctx, errors)) {
            return;
        }
        int topN = rerank ? Math.max(0, body.path("top_n").asInt(0)) : 0;
        String id = (rerank ? "rerank-" : "score-") + RequestIds.random();
        // Each text is one forward pass: a one-token request to the engine, whose token is not shown.
        SamplingSpec prefillOnly = new SamplingSpec(1, 1, 0, false, List.of(), false, ctx.args().sim().seed(), false,
                vllm.maxModelLen());
        String served = vllm.primaryModelName();
        JsonEndpoint.answerWhenDone(ctx, errors, req, id, prompts, prefillOnly, arrival, result -> rerank
                ? rerankBody(id, served, pairs, scores(prompts, pairs), topN, result.promptTokens())
                : scoreBody(id, served, scores(prompts, pairs), result.promptTokens()));
    }

    /** The cosine similarity of each pair's embeddings (unit vectors, so their dot product). */
    private double[] scores(List<PromptSpec> prompts, Pairs pairs) {
        int dim = ctx.args().sim().embeddingDim();
        float[][] vectors = new float[prompts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = EmbeddingVectors.of(prompts.get(i).contentHash(), dim);
        }
        double[] scores = new double[pairs.left().length];
        for (int p = 0; p < scores.length; p++) {
            float[] a = vectors[pairs.left()[p]];
            float[] b = vectors[pairs.right()[p]];
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) a[c] * b[c];
            }
            scores[p] = dot;
        }
        return scores;
    }

    private static String scoreBody(String id, String model, double[] scores, int promptTokens) {
        StringBuilder sb = new StringBuilder(192 + scores.length * 48).append("{\"id\":\"").append(id)
                .append("\",\"object\":\"list\",\"created\":").append(System.currentTimeMillis() / 1000)
                .append(",\"model\":");
        JsonText.string(sb, model).append(",\"data\":[");
        for (int i = 0; i < scores.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"index\":").append(i).append(",\"object\":\"score\",\"score\":")
                    .append(PyFloat.repr(scores[i])).append('}');
        }
        return sb.append("],\"usage\":{\"prompt_tokens\":").append(promptTokens).append(",\"total_tokens\":")
                .append(promptTokens).append(",\"completion_tokens\":0,\"prompt_tokens_details\":null}}").toString();
    }

    /** Best first (a stable sort keeps equal scores in document order), cut to {@code topN} when it is below. */
    private static String rerankBody(String id, String model, Pairs pairs, double[] scores, int topN,
            int promptTokens) {
        List<Integer> order = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int shown = topN > 0 && topN < order.size() ? topN : order.size();
        StringBuilder sb = new StringBuilder(128 + shown * 96).append("{\"id\":\"").append(id).append("\",\"model\":");
        JsonText.string(sb, model).append(",\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"total_tokens\":").append(promptTokens).append("},\"results\":[");
        for (int r = 0; r < shown; r++) {
            int doc = order.get(r);
            sb.append(r > 0 ? "," : "").append("{\"index\":").append(doc).append(",\"document\":{\"text\":");
            JsonText.string(sb, pairs.texts().get(pairs.right()[doc])).append(",\"multi_modal\":null},"
                    + "\"relevance_score\":").append(PyFloat.repr(scores[doc])).append('}');
        }
        return sb.append("]}").toString();
    }

    /** {@code text_1} against {@code text_2}: one against each (1:N, 1:1) or pairwise (N:N). */
    private Pairs scorePairs(JsonNode body) {
        SchemaErrors schema = new SchemaErrors();
        List<String> first = texts(body, "text_1", schema);
        List<String> second = texts(body, "text_2", schema);
        if (schema.any()) {
            throw errors.schema(schema.message());
        }
        if (first.isEmpty()) {
            throw errors.badRequest("At least one text element must be given");
        }
        if (second.isEmpty()) {
            throw errors.badRequest("At least one text_pair element must be given");
        }
        if (first.size() > 1 && first.size() != second.size()) {
            throw errors.badRequest("Input lengths must be either 1:1, 1:N or N:N");
        }
        List<String> texts = new ArrayList<>(first);
        texts.addAll(second);
        int[] left = new int[second.size()];
        int[] right = new int[second.size()];
        for (int i = 0; i < second.size(); i++) {
            left[i] = first.size() == 1 ? 0 : i;
            right[i] = first.size() + i;
        }
        return new Pairs(texts, left, right);
    }

    /** The query against each document. */
    private Pairs rerankPairs(JsonNode body) {
        SchemaErrors schema = new SchemaErrors();
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            schema.add("missing", "Field required", "query");
        } else if (!query.isTextual()) {
            schema.add("string_type", "Input should be a valid string", "query", "str");
        }
        List<String> documents = texts(body, "documents", schema);
        JsonNode topN = body.get("top_n");
        if (topN != null && !topN.isNull() && !topN.canConvertToExactIntegral()) {
            schema.add("int_type", "Input should be a valid integer", "top_n");
        }
        if (schema.any()) {
            throw errors.schema(schema.message());
        }
        if (documents.isEmpty()) {
            throw errors.badRequest("At least one text_pair element must be given");
        }
        List<String> texts = new ArrayList<>(documents.size() + 1);
        texts.add(query.textValue());
        texts.addAll(documents);
        int[] left = new int[documents.size()];
        int[] right = new int[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            right[i] = 1 + i;
        }
        return new Pairs(texts, left, right);
    }

    /** A string, or a list of strings, at {@code field}. */
    private static List<String> texts(JsonNode body, String field, SchemaErrors schema) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            schema.add("missing", "Field required", field);
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (value.isArray()) {
            List<String> out = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    schema.add("string_type", "Input should be a valid string", field, "list[str]", i);
                    return List.of();
                }
                out.add(value.get(i).textValue());
            }
            return out;
        }
        schema.add("string_type", "Input should be a valid string", field, "str");
        return List.of();
    }
}
