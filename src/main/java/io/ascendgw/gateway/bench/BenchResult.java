package io.ascendgw.gateway.bench;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one run (measured phase only; warm-up excluded). Throughputs are over the measured window: from the
 * first measured send to the last measured completion. Failed requests count in {@link #failed()} and
 * {@link #errors()} but not in latencies or tokens.
 *
 * @param spec the spec that was run
 * @param model the model actually requested (resolved from {@code /v1/models} when the spec had none)
 * @param startedAt wall-clock start of the measured phase
 * @param durationSeconds measured window
 * @param completed successful requests
 * @param failed failed requests
 * @param errors failed requests by {@link RequestFailure#kind()}
 * @param errorSamples first failure detail per kind
 * @param inputTokens sum of {@code usage.prompt_tokens} of successful requests
 * @param outputTokens sum of {@code usage.completion_tokens} (content chunk count when usage was missing)
 * @param contentChunks stream events that carried non-empty content
 * @param requestsWithoutUsage successful requests whose response had no usage
 * @param ttft time to first token (streaming only)
 * @param tpot per-request time per output token after the first (streaming only)
 * @param itl gaps between consecutive content events (streaming only)
 * @param e2e end-to-end latency: send to end of response
 * @param meanSendLagMs mean lateness of open-loop sends versus their schedule (the generator's own lag)
 * @param maxSendLagMs worst lateness of an open-loop send
 * @param goodRequests successful requests that met every goodput objective of the spec (0 without objectives)
 */
public record BenchResult(LoadSpec spec, String model, Instant startedAt, double durationSeconds, long completed,
        long failed, Map<String, Long> errors, Map<String, String> errorSamples, long inputTokens, long outputTokens,
        long contentChunks, long requestsWithoutUsage, LatencySummary ttft, LatencySummary tpot, LatencySummary itl,
        LatencySummary e2e, double meanSendLagMs, double maxSendLagMs, long goodRequests) {

    public BenchResult {
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        errorSamples = Collections.unmodifiableMap(new TreeMap<>(errorSamples));
    }

    /** Requests sent in the measured phase. */
    public long total() {
        return completed + failed;
    }

    /** Successful requests per second. */
    public double requestThroughput() {
        return perSecond(completed);
    }

    /** Requests per second that met every goodput objective; NaN when the spec set none. */
    public double requestGoodput() {
        return spec.goodput().isPresent() ? perSecond(goodRequests) : Double.NaN;
    }

    /** Prompt tokens per second. */
    public double inputTokenThroughput() {
        return perSecond(inputTokens);
    }

    /** Generated tokens per second. */
    public double outputTokenThroughput() {
        return perSecond(outputTokens);
    }

    /** Prompt plus generated tokens per second. */
    public double totalTokenThroughput() {
        return perSecond(inputTokens + outputTokens);
    }

    /** Content-carrying stream events per second. */
    public double chunksPerSecond() {
        return perSecond(contentChunks);
    }

    /** The result as JSON with vLLM benchmark_serving key names (plus ours); NaN is written as null. */
    public String toJson() {
        return BenchResultJson.encode(this);
    }

    private double perSecond(long count) {
        return durationSeconds > 0 ? count / durationSeconds : 0;
    }
}
