package io.ascendgw.gateway.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter the gateway defines itself, in one place: names (all {@code gateway_}), HELP texts, label names and
 * histogram buckets. Names are given as Micrometer registers them; the Prometheus registry adds {@code _total} to
 * counters and {@code _seconds} to timers and seconds gauges (the exported name is in each constant's Javadoc).
 * Histograms have explicit buckets for LLM traffic (no client-side percentiles). Label values are bounded by the
 * callers ({@link RequestMetricsObserver}: models known to engines or {@code unknown}, fixed outcome and reason sets).
 *
 * <p>Thread-safe; recording never blocks and allocates nothing once a label combination has been seen.
 */
public final class GatewayMetrics {

    /** {@code gateway_requests_total{model,endpoint,stream,status_class,outcome,api_key}}. */
    public static final String REQUESTS = "gateway_requests";
    /** {@code gateway_request_duration_seconds{model,endpoint,stream,status_class}}: arrival to last byte. */
    public static final String REQUEST_DURATION = "gateway_request_duration";
    /** {@code gateway_time_to_first_token_seconds{model,endpoint}}: arrival to first byte sent, streams only. */
    public static final String TIME_TO_FIRST_TOKEN = "gateway_time_to_first_token";
    /** {@code gateway_inter_token_latency_seconds{model}}: gap between two SSE content events sent to the client. */
    public static final String INTER_TOKEN_LATENCY = "gateway_inter_token_latency";
    /** {@code gateway_overhead_seconds{phase}}: time the gateway itself adds, per {@link #PHASE_TO_UPSTREAM} etc. */
    public static final String OVERHEAD = "gateway_overhead";
    /** {@code gateway_prompt_tokens_total{model,api_key}}, from the engine's {@code usage}. */
    public static final String PROMPT_TOKENS = "gateway_prompt_tokens";
    /** {@code gateway_completion_tokens_total{model,api_key}}, from the engine's {@code usage}. */
    public static final String COMPLETION_TOKENS = "gateway_completion_tokens";
    /** {@code gateway_cached_prompt_tokens_total{model}}: prompt tokens served from the prefix cache, if reported. */
    public static final String CACHED_PROMPT_TOKENS = "gateway_cached_prompt_tokens";
    /** {@code gateway_retries_total{model,engine,reason}}: attempts re-sent to another engine before the first byte. */
    public static final String RETRIES = "gateway_retries";
    /** {@code gateway_rejections_total{model,reason}}: requests answered 429; the reason is the exchange outcome. */
    public static final String REJECTIONS = "gateway_rejections";
    /** {@code gateway_engine_state{engine,pool,state}}: 1 for the engine's current state, 0 for the others. */
    public static final String ENGINE_STATE = "gateway_engine_state";
    /** {@code gateway_engine_in_flight_requests{engine,pool}}. */
    public static final String ENGINE_IN_FLIGHT = "gateway_engine_in_flight_requests";
    /** {@code gateway_pool_in_flight_requests{pool}}. */
    public static final String POOL_IN_FLIGHT = "gateway_pool_in_flight_requests";
    /** {@code gateway_queue_wait_seconds{model,api_key}}: time a request that queued spent in the admission queue. */
    public static final String QUEUE_WAIT = "gateway_queue_wait";
    /** {@code gateway_queue_length{pool}}: requests waiting in the gateway's admission queue. */
    public static final String QUEUE_LENGTH = "gateway_queue_length";
    /** {@code gateway_engine_circuit_open{engine,pool}}: 1 while the engine's circuit breaker is open. */
    public static final String ENGINE_CIRCUIT_OPEN = "gateway_engine_circuit_open";
    /** {@code gateway_engine_restarts_total{engine,pool}}: unplanned restarts (crash, kill by the watchdog). */
    public static final String ENGINE_RESTARTS = "gateway_engine_restarts";
    /** {@code gateway_engine_last_exit_code{engine,pool}}, once the engine's process has exited. */
    public static final String ENGINE_LAST_EXIT_CODE = "gateway_engine_last_exit_code";
    /** {@code gateway_engine_startup_seconds{engine,pool}}: launch to ready, of the latest start. */
    public static final String ENGINE_STARTUP = "gateway_engine_startup";
    /** {@code gateway_engine_metrics_up{engine,pool}}: 1 while the engine's {@code /metrics} scrape is fresh. */
    public static final String ENGINE_METRICS_UP = "gateway_engine_metrics_up";
    /** {@code gateway_npu_smi_up}: 1 while the latest {@code npu-smi info} gave a table and is fresh. */
    public static final String NPU_SMI_UP = "gateway_npu_smi_up";
    /** {@code gateway_npu_smi_duration_seconds}: how long the latest {@code npu-smi info} call took. */
    public static final String NPU_SMI_DURATION = "gateway_npu_smi_duration";
    /** {@code gateway_npu_foreign_processes{id}}: processes holding NPU memory that are none of our engines'. */
    public static final String NPU_FOREIGN_PROCESSES = "gateway_npu_foreign_processes";

    public static final String LABEL_MODEL = "model";
    public static final String LABEL_ENDPOINT = "endpoint";
    public static final String LABEL_STREAM = "stream";
    public static final String LABEL_STATUS_CLASS = "status_class";
    public static final String LABEL_OUTCOME = "outcome";
    public static final String LABEL_API_KEY = "api_key";
    public static final String LABEL_ENGINE = "engine";
    public static final String LABEL_POOL = "pool";
    public static final String LABEL_STATE = "state";
    public static final String LABEL_REASON = "reason";
    public static final String LABEL_PHASE = "phase";
    /** Label added to re-exported vLLM series: the NPU ids of the engine, comma-separated. */
    public static final String LABEL_NPU = "npu";

    /** Request arrival to the request sent to the engine (body read, parse, routing, connect), less any queue wait. */
    public static final String PHASE_TO_UPSTREAM = "to_upstream";
    /** Engine's first byte to the client's first byte. */
    public static final String PHASE_TO_CLIENT = "to_client";

    /** Engine states as {@code EngineState.name()} spells them. */
    public static final List<String> ENGINE_STATES = List.of("starting", "ready", "draining", "backoff", "failed",
            "stopped");

    /** Milliseconds to half an hour: short completions to long generations and queued requests. */
    static final Duration[] REQUEST_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60,
            120, 300, 600, 1800);
    /** vLLM's TTFT buckets, so gateway and engine views line up. */
    static final Duration[] TTFT_BUCKETS = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
            1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640);
    /** vLLM's inter-token buckets, extended down for chunks that arrive together. */
    static final Duration[] ITL_BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,
            0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80);
    /** 50 µs to 5 s: the gateway's own share should sit in the lowest buckets. */
    static final Duration[] OVERHEAD_BUCKETS = seconds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
            0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5);

    private final MeterRegistry registry;
    private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
    private final Map<ModelAndKey, Counter[]> tokens = new ConcurrentHashMap<>();
    private final Map<String, Timer> itl = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> retries = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<ModelAndKey, Timer> queueWaits = new ConcurrentHashMap<>();
    private final Timer toUpstream;
    private final Timer toClient;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.toUpstream = overhead(PHASE_TO_UPSTREAM);
        this.toClient = overhead(PHASE_TO_CLIENT);
    }

    /** Labels of one finished request; {@code apiKey} is empty when API keys are off. */
    public record RequestKey(String model, String endpoint, boolean stream, String statusClass, String outcome,
            String apiKey) {
    }

    /** Labels of the meters kept per model and API key. */
    private record ModelAndKey(String model, String apiKey) {
    }

    private record RequestMeters(Counter count, Timer duration, Timer ttft) {
    }

    /**
     * Counts a finished request and observes its latencies; a negative duration means "did not happen".
     *
     * @param ttftNanos arrival to first byte at the client, for streams
     */
    public void recordRequest(RequestKey key, long durationNanos, long ttftNanos) {
        RequestMeters meters = requests.computeIfAbsent(key, this::requestMeters);
        meters.count().increment();
        if (durationNanos >= 0) {
            meters.duration().record(durationNanos, TimeUnit.NANOSECONDS);
        }
        if (ttftNanos >= 0 && meters.ttft() != null) {
            meters.ttft().record(ttftNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Observes the gateway's own overhead before the upstream request and before the client's first byte. */
    public void recordOverhead(long toUpstreamNanos, long toClientNanos) {
        if (toUpstreamNanos >= 0) {
            toUpstream.record(toUpstreamNanos, TimeUnit.NANOSECONDS);
        }
        if (toClientNanos >= 0) {
            toClient.record(toClientNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Adds a request's token usage; {@code cached} is negative when the engine did not report it. */
    public void recordTokens(String model, String apiKey, long prompt, long completion, long cached) {
        Counter[] counters = tokens.computeIfAbsent(new ModelAndKey(model, apiKey), k -> new Counter[] {
            counter(PROMPT_TOKENS, "Prompt tokens of finished requests, as the engines reported in usage.", "tokens",
                    Tags.of(LABEL_MODEL, k.model(), LABEL_API_KEY, k.apiKey())),
            counter(COMPLETION_TOKENS, "Completion tokens of finished requests, as the engines reported in usage.",
                    "tokens", Tags.of(LABEL_MODEL, k.model(), LABEL_API_KEY, k.apiKey())),
            counter(CACHED_PROMPT_TOKENS, "Prompt tokens the engines served from their prefix cache, when reported.",
                    "tokens", Tags.of(LABEL_MODEL, k.model()))});
        counters[0].increment(Math.max(0, prompt));
        counters[1].increment(Math.max(0, completion));
        if (cached > 0) {
            counters[2].increment(cached);
        }
    }

    /**
     * Observes the gaps before content events of a stream that reached the client together: {@code gapNanos} before
     * the first (none when negative: the stream's first event has no predecessor), then {@code simultaneous} gaps of
     * zero.
     */
    public void recordInterTokenGaps(String model, long gapNanos, int simultaneous) {
        Timer timer = itl.computeIfAbsent(model, m -> Timer.builder(INTER_TOKEN_LATENCY)
                .description("Time between two SSE content events (tokens) of a stream, as sent to the client.")
                .tags(LABEL_MODEL, m).serviceLevelObjectives(ITL_BUCKETS).register(registry));
        if (gapNanos >= 0) {
            timer.record(gapNanos, TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < simultaneous; i++) {
            timer.record(0, TimeUnit.NANOSECONDS);
        }
    }

    /** Counts an attempt re-sent to another engine; {@code engine} is the one that failed. */
    public void recordRetry(String model, String engine, String reason) {
        retries.computeIfAbsent(List.of(model, engine, reason), k -> counter(RETRIES,
                "Attempts that failed before the first byte and were tried on another engine.", null,
                Tags.of(LABEL_MODEL, k.get(0), LABEL_ENGINE, k.get(1), LABEL_REASON, k.get(2)))).increment();
    }

    /** Observes the time a request spent in the admission queue (only requests that queued). */
    public void recordQueueWait(String model, String apiKey, long waitedNanos) {
        queueWaits.computeIfAbsent(new ModelAndKey(model, apiKey), k -> Timer.builder(QUEUE_WAIT)
                .description("Time requests that found every engine busy spent in the gateway's admission queue"
                        + " (routed, refused or gone), by model and API key.")
                .tags(LABEL_MODEL, k.model(), LABEL_API_KEY, k.apiKey()).serviceLevelObjectives(TTFT_BUCKETS)
                .register(registry)).record(waitedNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a request rejected with 429. */
    public void recordRejection(String model, String reason) {
        rejections.computeIfAbsent(List.of(model, reason), k -> counter(REJECTIONS,
                "Requests rejected with 429 Too Many Requests, by reason.", null,
                Tags.of(LABEL_MODEL, k.get(0), LABEL_REASON, k.get(1)))).increment();
    }

    /** Registers a gauge; the caller removes it with {@link #remove(Meter)} when its subject goes away. */
    public <T> Meter gauge(String name, T subject, ToDoubleFunction<T> value, Tags tags) {
        GaugeSpec spec = GaugeSpec.of(name);
        return Gauge.builder(name, subject, value).description(spec.help()).baseUnit(spec.unit()).tags(tags)
                .strongReference(true).register(registry);
    }

    /** Registers {@link #ENGINE_RESTARTS} for one engine. */
    public <T> Meter restartsCounter(T engine, ToDoubleFunction<T> restarts, Tags tags) {
        return FunctionCounter.builder(ENGINE_RESTARTS, engine, restarts)
                .description("Unplanned restarts of the engine's process (crash, unhealthy, stalled).")
                .tags(tags).register(registry);
    }

    public void remove(Meter meter) {
        registry.remove(meter);
    }

    private RequestMeters requestMeters(RequestKey k) {
        Tags common = Tags.of(LABEL_MODEL, k.model(), LABEL_ENDPOINT, k.endpoint());
        Tags shape = common.and(LABEL_STREAM, Boolean.toString(k.stream()), LABEL_STATUS_CLASS, k.statusClass());
        Counter count = counter(REQUESTS, "Finished requests, by model, endpoint, streaming, status class, outcome and"
                + " API key.", null, shape.and(LABEL_OUTCOME, k.outcome(), LABEL_API_KEY, k.apiKey()));
        Timer duration = Timer.builder(REQUEST_DURATION)
                .description("Request latency from arrival at the gateway to the last byte sent to the client.")
                .tags(shape).serviceLevelObjectives(REQUEST_BUCKETS).register(registry);
        Timer ttft = !k.stream() ? null : Timer.builder(TIME_TO_FIRST_TOKEN)
                .description("Streams: time from arrival at the gateway to the first byte sent to the client.")
                .tags(common).serviceLevelObjectives(TTFT_BUCKETS).register(registry);
        return new RequestMeters(count, duration, ttft);
    }

    private Timer overhead(String phase) {
        return Timer.builder(OVERHEAD).description("Time the gateway itself adds: to_upstream = arrival to request"
                + " sent to the engine (read, parse, route, connect; not the wait in the admission queue); to_client ="
                + " engine's first byte to client's.")
                .tags(LABEL_PHASE, phase).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry);
    }

    private Counter counter(String name, String help, String unit, Tags tags) {
        return Counter.builder(name).description(help).baseUnit(unit).tags(tags).register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return buckets;
    }

    /** HELP text and unit of each gauge, so gauges registered elsewhere cannot go without them. */
    private record GaugeSpec(String help, String unit) {
        static GaugeSpec of(String name) {
            return switch (name) {
                case ENGINE_STATE -> new GaugeSpec("1 for the engine's current lifecycle state, 0 for the others.",
                        null);
                case ENGINE_IN_FLIGHT -> new GaugeSpec("Requests the gateway has sent to the engine and not finished.",
                        null);
                case POOL_IN_FLIGHT -> new GaugeSpec("Requests in flight on all engines of the pool.", null);
                case QUEUE_LENGTH -> new GaugeSpec("Requests waiting in the gateway's admission queue of the pool.",
                        null);
                case ENGINE_CIRCUIT_OPEN -> new GaugeSpec("1 while the engine's circuit breaker is open.", null);
                case ENGINE_LAST_EXIT_CODE -> new GaugeSpec("Exit code of the engine's last process exit.", null);
                case ENGINE_STARTUP -> new GaugeSpec("Time from launch to ready of the engine's latest start.",
                        "seconds");
                case ENGINE_METRICS_UP -> new GaugeSpec("1 while the engine's /metrics scrape is fresh; its vLLM"
                        + " series are exported only then.", null);
                case NPU_SMI_UP -> new GaugeSpec("1 while the latest npu-smi info call gave a table and is fresh.",
                        null);
                case NPU_SMI_DURATION -> new GaugeSpec("Duration of the latest npu-smi info call.", "seconds");
                default -> throw new IllegalArgumentException("not a gateway gauge: " + name);
            };
        }
    }
}
