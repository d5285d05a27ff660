package io.ascendgw.gateway.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that defines one load-generator run. Build it from flags ({@link CliParser}) or in code with
 * {@link #builder()}; the canonical constructor validates and rejects contradictions with a message naming the flag.
 *
 * @param label free text copied into the result (e.g. {@code gateway} or {@code direct})
 * @param baseUrl OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:8000}; may carry a path prefix
 * @param endpoint chat or completions
 * @param model model name; empty = first id from {@code GET /v1/models} (or the mix's draw)
 * @param runLength measured requests or time budget
 * @param loadMode request rate (open loop) or concurrency (closed loop)
 * @param stream SSE streaming (with {@code stream_options.include_usage}) or one JSON body
 * @param workload prompt shape
 * @param outputLengths {@code max_tokens} per request
 * @param ignoreEos send {@code ignore_eos: true} so outputs have exactly {@code max_tokens} tokens
 * @param language prompt text language
 * @param seed prompts, output lengths and Poisson arrivals are deterministic per seed
 * @param warmupRequests requests sent (and discarded) before the measured phase
 * @param requestTimeout whole-request deadline; an expired request counts as a {@code timeout} error
 * @param headers extra request headers (e.g. {@code Authorization})
 * @param percentiles latency percentiles to report in addition to mean, median, p90 and p99
 * @param maxConnections connection pool size in request-rate mode (concurrency mode uses the concurrency)
 * @param trustAll accept any TLS certificate for https base URLs
 * @param modelMix models drawn per request by weight (e.g. LoRA adapters) instead of one {@code model}
 * @param images pictures sent with every chat request (vision-language models), or none
 * @param goodput service-level objectives a request must meet to count in the request goodput, or none
 */
public record LoadSpec(String label, URI baseUrl, Endpoint endpoint, Optional<String> model, RunLength runLength,
        LoadMode loadMode, boolean stream, Workload workload, OutputLengths outputLengths, boolean ignoreEos,
        PromptLanguage language, long seed, int warmupRequests, Duration requestTimeout, Map<String, String> headers,
        List<Double> percentiles, int maxConnections, boolean trustAll, Optional<ModelMix> modelMix,
        Optional<ImageLoad> images, Optional<GoodputSlo> goodput) {

    public LoadSpec {
        String scheme = baseUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("--base-url must be http://host[:port][/path] or https://…, got '"
                    + baseUrl + "'");
        }
        if (runLength instanceof RunLength.TimeBudget && loadMode instanceof LoadMode.RequestRate rate
                && rate.isInfinite()) {
            throw new IllegalArgumentException(
                    "--duration needs a finite --request-rate or a --concurrency (inf would send without end)");
        }
        if (warmupRequests < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmupRequests);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be > 0, got " + requestTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be >= 1, got " + maxConnections);
        }
        for (double p : percentiles) {
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("--percentiles must lie in (0, 100], got " + p);
            }
        }
        label = label == null ? "" : label;
        model = model.filter(m -> !m.isBlank());
        if (model.isPresent() && modelMix.isPresent()) {
            throw new IllegalArgumentException("give either --model or --model-mix, not both");
        }
        if (images.isPresent() && endpoint != Endpoint.CHAT) {
            throw new IllegalArgumentException("--images needs --endpoint chat (completions take no images)");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        percentiles = List.copyOf(percentiles);
    }

    /**
     * The output lengths asked for, as reported: the distribution, or for a replay with recorded lengths
     * {@code recorded, else fixed:128} (the distribution applies to records without one).
     */
    public String describeOutputLengths() {
        return workload instanceof Workload.Replay replay && replay.recordedLengths()
                ? "recorded, else " + outputLengths.describe()
                : outputLengths.describe();
    }

    /** Connection pool size: the concurrency in closed-loop mode, {@link #maxConnections()} in rate mode. */
    public int poolSize() {
        return loadMode instanceof LoadMode.Concurrency c ? c.limit() : maxConnections;
    }

    /** A builder with the CLI defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this spec, to derive variants (e.g. another base URL). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.label = label;
        b.baseUrl = baseUrl;
        b.endpoint = endpoint;
        b.model = model;
        b.runLength = runLength;
        b.loadMode = loadMode;
        b.stream = stream;
        b.workload = workload;
        b.outputLengths = outputLengths;
        b.ignoreEos = ignoreEos;
        b.language = language;
        b.seed = seed;
        b.warmupRequests = warmupRequests;
        b.requestTimeout = requestTimeout;
        b.headers = new LinkedHashMap<>(headers);
        b.percentiles = new ArrayList<>(percentiles);
        b.maxConnections = maxConnections;
        b.trustAll = trustAll;
        b.modelMix = modelMix;
        b.images = images;
        b.goodput = goodput;
        return b;
    }

    /** Mutable builder; defaults are the CLI defaults (see {@code bench --help}). */
    public static final class Builder {
        private String label = "";
        private URI baseUrl = URI.create("http://127.0.0.1:8000");
        private Endpoint endpoint = Endpoint.CHAT;
        private Optional<String> model = Optional.empty();
        private RunLength runLength = new RunLength.RequestCount(1000);
        private LoadMode loadMode = LoadMode.unlimitedRate();
        private boolean stream = true;
        private Workload workload = new Workload.RandomPrompts(1024);
        private OutputLengths outputLengths = new OutputLengths.Fixed(128);
        private boolean ignoreEos = true;
        private PromptLanguage language = PromptLanguage.EN;
        private long seed;
        private int warmupRequests;
        private Duration requestTimeout = Duration.ofSeconds(300);
        private Map<String, String> headers = new LinkedHashMap<>();
        private List<Double> percentiles = new ArrayList<>(List.of(50.0, 90.0, 99.0));
        private int maxConnections = 10_000;
        private boolean trustAll;
        private Optional<ModelMix> modelMix = Optional.empty();
        private Optional<ImageLoad> images = Optional.empty();
        private Optional<GoodputSlo> goodput = Optional.empty();

        private Builder() {
        }

        public Builder label(String value) { label = value; return this; }
        public Builder baseUrl(String value) { baseUrl = URI.create(value); return this; }
        public Builder baseUrl(URI value) { baseUrl = value; return this; }
        public Builder endpoint(Endpoint value) { endpoint = value; return this; }
        public Builder model(String value) { model = Optional.ofNullable(value); return this; }
        public Builder numRequests(int value) { runLength = new RunLength.RequestCount(value); return this; }
        public Builder duration(Duration value) { runLength = new RunLength.TimeBudget(value); return this; }
        public Builder requestRate(double perSecond) { loadMode = new LoadMode.RequestRate(perSecond); return this; }
        public Builder concurrency(int value) { loadMode = new LoadMode.Concurrency(value); return this; }
        public Builder loadMode(LoadMode value) { loadMode = value; return this; }
        public Builder runLength(RunLength value) { runLength = value; return this; }
        public Builder stream(boolean value) { stream = value; return this; }
        public Builder workload(Workload value) { workload = value; return this; }
        public Builder outputLengths(OutputLengths value) { outputLengths = value; return this; }
        public Builder outputLen(int tokens) { outputLengths = new OutputLengths.Fixed(tokens); return this; }
        public Builder ignoreEos(boolean value) { ignoreEos = value; return this; }
        public Builder language(PromptLanguage value) { language = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder warmupRequests(int value) { warmupRequests = value; return this; }
        public Builder requestTimeout(Duration value) { requestTimeout = value; return this; }
        public Builder header(String name, String value) { headers.put(name, value); return this; }
        public Builder percentiles(List<Double> values) { percentiles = new ArrayList<>(values); return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder trustAll(boolean value) { trustAll = value; return this; }
        public Builder modelMix(ModelMix value) { modelMix = Optional.ofNullable(value); return this; }
        public Builder goodput(GoodputSlo value) { goodput = Optional.ofNullable(value); return this; }
        public Builder images(ImageLoad value) { images = Optional.ofNullable(value); return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the offending flag. */
        public LoadSpec build() {
            return new LoadSpec(label, baseUrl, endpoint, model, runLength, loadMode, stream, workload, outputLengths,
                    ignoreEos, language, seed, warmupRequests, requestTimeout, headers, percentiles, maxConnections,
                    trustAll, modelMix, images, goodput);
        }
    }
}
