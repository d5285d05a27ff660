package io.ascendgw.gateway.bench;

import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * JSON form of a {@link BenchResult}. Key names follow vLLM's {@code benchmark_serving.py} result file
 * ({@code request_throughput}, {@code mean_ttft_ms}, {@code p99_itl_ms}, {@code mean_e2el_ms} …) so existing tooling
 * can read it; our extras (failures by kind, chunk throughput, send lag) sit alongside.
 */
final class BenchResultJson {

    private BenchResultJson() {
    }

    static String encode(BenchResult r) {
        LoadSpec spec = r.spec();
        JsonObject json = new JsonObject()
                .put("label", spec.label())
                .put("date", r.startedAt().toString())
                .put("base_url", spec.baseUrl().toString())
                .put("endpoint", spec.endpoint().path())
                .put("model_id", r.model())
                .put("stream", spec.stream())
                .put("workload", spec.workload().describe())
                .put("output_len_dist", spec.describeOutputLengths())
                .put("lang", spec.language().name().toLowerCase())
                .put("seed", spec.seed())
                .put("warmup", spec.warmupRequests());
        if (spec.loadMode() instanceof LoadMode.RequestRate rate) {
            json.put("request_rate", rate.isInfinite() ? "inf" : rate.perSecond()).putNull("max_concurrency")
                    .put("burstiness", rate.burstiness());
        } else if (spec.loadMode() instanceof LoadMode.Concurrency c) {
            json.put("request_rate", "inf").put("max_concurrency", c.limit());
        }
        json.put("num_prompts", r.total())
                .put("duration", r.durationSeconds())
                .put("completed", r.completed())
                .put("failed", r.failed())
                .put("errors", new JsonObject(Map.copyOf(r.errors())))
                .put("error_samples", new JsonObject(Map.copyOf(r.errorSamples())))
                .put("total_input_tokens", r.inputTokens())
                .put("total_output_tokens", r.outputTokens())
                .put("total_chunks", r.contentChunks())
                .put("requests_without_usage", r.requestsWithoutUsage())
                .put("request_throughput", r.requestThroughput())
                .put("input_throughput", r.inputTokenThroughput())
                .put("output_throughput", r.outputTokenThroughput())
                .put("total_token_throughput", r.totalTokenThroughput())
                .put("chunk_throughput", r.chunksPerSecond())
                .put("mean_send_lag_ms", r.meanSendLagMs())
                .put("max_send_lag_ms", r.maxSendLagMs());
        putNumber(json, "request_goodput", r.requestGoodput());
        json.put("goodput", spec.goodput().map(GoodputSlo::describe).orElse(null));
        putLatency(json, "ttft", r.ttft());
        putLatency(json, "tpot", r.tpot());
        putLatency(json, "itl", r.itl());
        putLatency(json, "e2el", r.e2e());
        return json.encodePrettily();
    }

    private static void putLatency(JsonObject json, String name, LatencySummary s) {
        json.put("count_" + name, s.count());
        putNumber(json, "mean_" + name + "_ms", s.meanMs());
        putNumber(json, "median_" + name + "_ms", s.medianMs());
        putNumber(json, "std_" + name + "_ms", s.stdMs());
        putNumber(json, "min_" + name + "_ms", s.minMs());
        putNumber(json, "max_" + name + "_ms", s.maxMs());
        s.percentilesMs().forEach((p, v) -> putNumber(json, "p" + percentileLabel(p) + "_" + name + "_ms", v));
    }

    /** {@code 99.0 -> "99"}, {@code 99.9 -> "99.9"}, as vLLM names its keys. */
    static String percentileLabel(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    private static void putNumber(JsonObject json, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.putNull(key);
        } else {
            json.put(key, value);
        }
    }
}
