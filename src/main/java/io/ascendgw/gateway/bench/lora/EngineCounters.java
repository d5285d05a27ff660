package io.ascendgw.gateway.bench.lora;

import java.util.List;

import io.ascendgw.gateway.bench.scenario.ScenarioGateway;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;

/**
 * How long requests waited in the engines' queues (for a {@code --max-loras} slot, here: KV blocks and the running
 * set have room to spare), summed over engines from their {@code /metrics}: the
 * {@code vllm:request_queue_time_seconds} histogram and {@code vllm:num_preemptions_total}. Counters only grow, so
 * one run's share is the difference of a reading after and one before ({@link #since}).
 *
 * @param requests requests that left the queue (the histogram's count)
 * @param queueSeconds their summed time in the queue
 * @param promptlyAdmitted those queued at most {@link #WAIT_THRESHOLD_SECONDS} (the histogram's smallest bucket)
 * @param preemptions preemptions (KV cache exhausted)
 */
record EngineCounters(double requests, double queueSeconds, double promptlyAdmitted, double preemptions) {

    /** The smallest queue-time bucket of both vLLM dialects; longer means the request waited for something. */
    static final double WAIT_THRESHOLD_SECONDS = 0.3;

    private static final String QUEUE = "vllm:request_queue_time_seconds";
    private static final PrometheusTextParser PARSER = new PrometheusTextParser();

    static final EngineCounters NONE = new EngineCounters(0, 0, 0, 0);

    /** The sum over the engines' metrics; an engine that does not answer adds nothing. Blocking. */
    static EngineCounters read(ScenarioGateway gateway, List<String> engineUrls) {
        EngineCounters total = NONE;
        for (String url : engineUrls) {
            String text = gateway.fetch(url + "/metrics");
            if (text != null) {
                total = total.plus(parse(text));
            }
        }
        return total;
    }

    /** The counters of one engine's Prometheus text exposition (all series of a family added up). */
    static EngineCounters parse(String text) {
        ParsedMetrics metrics = PARSER.parse(text);
        return new EngineCounters(metrics.sum(QUEUE + "_count", null, null), metrics.sum(QUEUE + "_sum", null, null),
                metrics.sum(QUEUE + "_bucket", "le", Double.toString(WAIT_THRESHOLD_SECONDS)),
                metrics.sum("vllm:num_preemptions_total", null, null));
    }

    EngineCounters plus(EngineCounters other) {
        return new EngineCounters(requests + other.requests, queueSeconds + other.queueSeconds,
                promptlyAdmitted + other.promptlyAdmitted, preemptions + other.preemptions);
    }

    /** What was counted between {@code before} and this reading. */
    EngineCounters since(EngineCounters before) {
        return new EngineCounters(requests - before.requests, queueSeconds - before.queueSeconds,
                promptlyAdmitted - before.promptlyAdmitted, preemptions - before.preemptions);
    }

    /** Mean time in the queue, in milliseconds; NaN without requests. */
    double meanQueueMs() {
        return requests > 0 ? 1000 * queueSeconds / requests : Double.NaN;
    }

    /** Share of requests that queued longer than {@link #WAIT_THRESHOLD_SECONDS}; NaN without requests. */
    double waitedShare() {
        return requests > 0 ? (requests - promptlyAdmitted) / requests : Double.NaN;
    }
}
