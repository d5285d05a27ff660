package io.ascendgw.gateway.bench.lora;

import java.util.List;

import io.ascendgw.gateway.bench.scenario.ScenarioGateway;

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
    private static final String PROMPT_BUCKET = "le=\"" + WAIT_THRESHOLD_SECONDS + "\"";

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
        double requests = 0;
        double seconds = 0;
        double prompt = 0;
        double preemptions = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(QUEUE + "_count")) {
                requests += value(line);
            } else if (line.startsWith(QUEUE + "_sum")) {
                seconds += value(line);
            } else if (line.startsWith(QUEUE + "_bucket") && line.contains(PROMPT_BUCKET)) {
                prompt += value(line);
            } else if (line.startsWith("vllm:num_preemptions_total")) {
                preemptions += value(line);
            }
        }
        return new EngineCounters(requests, seconds, prompt, preemptions);
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

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        try {
            return Double.parseDouble(parts[parts.length - 1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
