package io.ascendgw.gateway.metrics.vllm;

import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.CACHE_CONFIG_INFO;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.GENERATION_TOKENS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.KV_CACHE_USAGE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_BLOCK_SIZE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_ENABLE_PREFIX_CACHING;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_ENGINE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_MODEL_NAME;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.LABEL_NUM_GPU_BLOCKS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_PREEMPTIONS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_REQUESTS_RUNNING;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.NUM_REQUESTS_WAITING;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PREFIX_CACHE_HITS;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PREFIX_CACHE_HIT_RATE;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PREFIX_CACHE_QUERIES;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.PROMPT_TOKENS_TOTAL;
import static io.ascendgw.gateway.metrics.vllm.VllmMetricNames.REQUEST_SUCCESS_TOTAL;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.ParsedMetrics;
import io.ascendgw.gateway.metrics.prom.Sample;

/**
 * Turns a parsed vLLM scrape into an {@link EngineLoad}, accepting both the 0.7.3 (V0) and the V1 names.
 * Counts and counters are summed over series (data-parallel {@code engine} values, finish reasons); KV usage and
 * block counts take the maximum. NaN samples are ignored. The LoRA state is read by {@link LoraInfoReader}.
 *
 * <p>Stateless and thread-safe; pure CPU work, callable from an event loop.
 */
public final class VllmLoadExtractor {

    private final LoraInfoReader loraInfo = new LoraInfoReader();

    /** Extracts the load; families missing from {@code metrics} become empty optionals, never zeros. */
    public EngineLoad extract(ParsedMetrics metrics, long scrapedAtNanos) {
        OptionalDouble hitRate = max(metrics, PREFIX_CACHE_HIT_RATE);
        boolean hitRateSaysDisabled = hitRate.isPresent() && hitRate.getAsDouble() < 0;
        SeriesScan scan = scanVllmFamilies(metrics);
        return new EngineLoad(
            scrapedAtNanos,
            sum(metrics, List.of(NUM_REQUESTS_RUNNING)),
            sum(metrics, List.of(NUM_REQUESTS_WAITING)),
            max(metrics, KV_CACHE_USAGE),
            sum(metrics, PREFIX_CACHE_QUERIES),
            sum(metrics, PREFIX_CACHE_HITS),
            hitRateSaysDisabled ? OptionalDouble.empty() : hitRate,
            prefixCaching(metrics, hitRate),
            sum(metrics, List.of(PROMPT_TOKENS_TOTAL)),
            sum(metrics, List.of(GENERATION_TOKENS_TOTAL)),
            sum(metrics, List.of(NUM_PREEMPTIONS_TOTAL)),
            sum(metrics, List.of(REQUEST_SUCCESS_TOTAL)),
            cacheConfigMax(metrics, LABEL_BLOCK_SIZE),
            cacheConfigMax(metrics, LABEL_NUM_GPU_BLOCKS),
            scan.engines(),
            scan.modelNames(),
            loraInfo.read(metrics));
    }

    private static OptionalDouble sum(ParsedMetrics metrics, List<String> acceptedNames) {
        for (String name : acceptedNames) {
            double total = 0;
            boolean any = false;
            for (Sample sample : metrics.samples(name)) {
                if (!Double.isNaN(sample.value())) {
                    total += sample.value();
                    any = true;
                }
            }
            if (any) {
                return OptionalDouble.of(total);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble max(ParsedMetrics metrics, List<String> acceptedNames) {
        for (String name : acceptedNames) {
            double max = Double.NEGATIVE_INFINITY;
            boolean any = false;
            for (Sample sample : metrics.samples(name)) {
                if (!Double.isNaN(sample.value())) {
                    max = Math.max(max, sample.value());
                    any = true;
                }
            }
            if (any) {
                return OptionalDouble.of(max);
            }
        }
        return OptionalDouble.empty();
    }

    private static PrefixCaching prefixCaching(ParsedMetrics metrics, OptionalDouble hitRate) {
        for (Sample sample : metrics.samples(CACHE_CONFIG_INFO)) {
            String enabled = sample.labels().getOrDefault(LABEL_ENABLE_PREFIX_CACHING, "");
            if (enabled.equalsIgnoreCase("true")) {
                return PrefixCaching.ENABLED;
            }
            if (enabled.equalsIgnoreCase("false")) {
                return PrefixCaching.DISABLED;
            }
        }
        if (hitRate.isPresent()) {
            return hitRate.getAsDouble() < 0 ? PrefixCaching.DISABLED : PrefixCaching.ENABLED;
        }
        return PrefixCaching.UNKNOWN;
    }

    private static OptionalLong cacheConfigMax(ParsedMetrics metrics, String label) {
        long max = -1;
        for (Sample sample : metrics.samples(CACHE_CONFIG_INFO)) {
            String value = sample.labels().getOrDefault(label, "");
            try {
                max = Math.max(max, Long.parseLong(value));
            } catch (NumberFormatException notANumber) {
                // "None" before the KV cache is profiled; treat as unknown
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    private static SeriesScan scanVllmFamilies(ParsedMetrics metrics) {
        Set<String> models = new HashSet<>();
        Set<String> engines = new HashSet<>();
        boolean anyVllmSample = false;
        for (MetricFamily family : metrics.families()) {
            if (!family.name().startsWith(VllmMetricNames.PREFIX)) {
                continue;
            }
            for (Sample sample : family.samples()) {
                anyVllmSample = true;
                String model = sample.labels().getOrDefault(LABEL_MODEL_NAME, null);
                if (model != null) {
                    models.add(model);
                }
                String engine = sample.labels().getOrDefault(LABEL_ENGINE, null);
                if (engine != null) {
                    engines.add(engine);
                }
            }
        }
        int engineCount = anyVllmSample ? Math.max(1, engines.size()) : 0;
        return new SeriesScan(engineCount, models);
    }

    private record SeriesScan(int engines, Set<String> modelNames) {
    }
}
