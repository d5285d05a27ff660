package io.ascendgw.gateway.metrics.vllm;

import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.CACHE_CONFIG_INFO;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.E2E_REQUEST_LATENCY_SECONDS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GENERATION_TOKENS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GPU_CACHE_USAGE_PERC;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GPU_PREFIX_CACHE_HITS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GPU_PREFIX_CACHE_HIT_RATE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GPU_PREFIX_CACHE_QUERIES_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.INTER_TOKEN_LATENCY_SECONDS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.KV_CACHE_USAGE_PERC;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LORA_REQUESTS_INFO;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_PREEMPTIONS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_REQUESTS_RUNNING;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_REQUESTS_WAITING;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PREFIX_CACHE_HITS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PREFIX_CACHE_QUERIES_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PROMPT_TOKENS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.REQUEST_QUEUE_TIME_SECONDS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.REQUEST_SUCCESS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.REQUEST_TIME_PER_OUTPUT_TOKEN_SECONDS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.TIME_PER_OUTPUT_TOKEN_SECONDS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.TIME_TO_FIRST_TOKEN_SECONDS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;

/**
 * The vLLM families the gateway re-exports under their original names (with {@code engine} and {@code npu} labels
 * added by {@code PrometheusTextWriter}; vLLM's own {@code engine} label becomes {@code exported_engine}): queue gauges, KV usage in both namings, prefix-cache signals, token
 * and request counters, preemptions, latency histograms, the cache configuration and the LoRA adapters in the batch
 * (its current series only). Everything else a vLLM engine
 * exposes (python_*, process_*, http_*, request-size histograms, ...) stays behind the gateway.
 *
 * <p>Stateless and thread-safe.
 */
public final class VllmFamilies {

    /** Family names as the classic text format declares them. */
    public static final Set<String> RE_EXPORTED = Set.of(
        NUM_REQUESTS_RUNNING, NUM_REQUESTS_WAITING,
        KV_CACHE_USAGE_PERC, GPU_CACHE_USAGE_PERC,
        PREFIX_CACHE_QUERIES_TOTAL, PREFIX_CACHE_HITS_TOTAL,
        GPU_PREFIX_CACHE_QUERIES_TOTAL, GPU_PREFIX_CACHE_HITS_TOTAL, GPU_PREFIX_CACHE_HIT_RATE,
        PROMPT_TOKENS_TOTAL, GENERATION_TOKENS_TOTAL, NUM_PREEMPTIONS_TOTAL, REQUEST_SUCCESS_TOTAL,
        TIME_TO_FIRST_TOKEN_SECONDS, TIME_PER_OUTPUT_TOKEN_SECONDS, INTER_TOKEN_LATENCY_SECONDS,
        REQUEST_TIME_PER_OUTPUT_TOKEN_SECONDS, E2E_REQUEST_LATENCY_SECONDS, REQUEST_QUEUE_TIME_SECONDS,
        CACHE_CONFIG_INFO, LORA_REQUESTS_INFO);

    /**
     * Whether a family is re-exported. Also accepts the OpenMetrics spelling of a counter family
     * ({@code vllm:prompt_tokens} for {@code vllm:prompt_tokens_total}).
     */
    public boolean isReExported(String familyName) {
        return RE_EXPORTED.contains(familyName) || RE_EXPORTED.contains(familyName + "_total");
    }

    /** The re-exported families of one scrape, in scrape order. */
    public List<MetricFamily> select(ParsedMetrics metrics) {
        List<MetricFamily> selected = new ArrayList<>(RE_EXPORTED.size());
        for (MetricFamily family : metrics.families()) {
            if (family.name().equals(LORA_REQUESTS_INFO)) {
                // vLLM keeps every adapter combination it ever reported; only the latest is current, and passing the
                // history on would grow every Prometheus that scrapes the gateway
                selected.add(family.withSamples(LoraInfoReader.latest(family.samples())));
            } else if (isReExported(family.name())) {
                selected.add(family);
            }
        }
        return selected;
    }
}
