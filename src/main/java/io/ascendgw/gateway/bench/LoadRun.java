package io.ascendgw.gateway.bench;

import java.time.Instant;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;

/**
 * One run on one event loop: resolve the model, encode the bodies (on a worker), warm up, run the measured phase
 * and assemble the {@link BenchResult}. Owns its HTTP clients and closes them at the end. Event-loop confined.
 */
final class LoadRun {

    /** Below uvicorn's 5 s keep-alive, so vLLM never closes a connection the pool is about to reuse. */
    private static final int KEEP_ALIVE_SECONDS = 3;
    private static final long PROGRESS_INTERVAL_MS = 1_000;

    private final Vertx vertx;
    private final Context context;
    private final LoadSpec spec;
    private final ProgressListener listener;
    private final HttpTarget target;
    private ClientShards clients;
    private LoadPhase phase;
    private MetricsRecorder phaseRecorder;
    private boolean phaseIsWarmup;
    private long lastProgressCount;
    private long lastProgressNanos;

    LoadRun(Vertx vertx, Context context, LoadSpec spec, ProgressListener listener) {
        this.vertx = vertx;
        this.context = context;
        this.spec = spec;
        this.listener = listener;
        this.target = HttpTarget.of(spec.baseUrl());
    }

    /** Runs everything; event loop only. */
    Future<BenchResult> run() {
        clients = new ClientShards(vertx, clientOptions(), spec.poolSize(), 500);
        long progressTimer = vertx.setPeriodic(PROGRESS_INTERVAL_MS, id -> publishProgress());
        // with a mix every request names its own model; the mix's spelling stands for them in the result
        Future<String> model = spec.modelMix().map(mix -> Future.succeededFuture(mix.describe()))
                .or(() -> spec.model().map(Future::succeededFuture))
                .orElseGet(() -> ModelResolver.firstModel(clients.first(), target, spec.headers()));
        return model.compose(this::runPhases)
                .eventually(() -> {
                    vertx.cancelTimer(progressTimer);
                    return clients.close();
                });
    }

    private Future<BenchResult> runPhases(String model) {
        RequestExecutor executor = new RequestExecutor(vertx, clients, target, spec);
        return vertx.executeBlocking(() -> prepareSources(bodies(model)), false)
                .compose(sources -> runWarmup(executor, sources[0])
                        .compose(v -> runMeasured(executor, sources[1], model)));
    }

    /** Worker thread: the request encoder, with its generated pictures when the run sends images. */
    private RequestBodies bodies(String model) {
        return spec.images().map(images -> new RequestBodies(spec.endpoint(), model, spec.stream(), spec.ignoreEos(),
                        SyntheticImages.dataUrls(images.width(), images.height(), images.distinct(), spec.seed()),
                        images.perRequest()))
                .orElseGet(() -> new RequestBodies(spec.endpoint(), model, spec.stream(), spec.ignoreEos()));
    }

    /** Worker thread: encodes bodies so the measured clock does not include prompt generation. */
    private RequestSource[] prepareSources(RequestBodies bodies) {
        WorkloadGenerator workload = WorkloadGenerator.forSpec(spec);
        RequestSource warmup = RequestSource.forCount(workload, bodies, spec.warmupRequests(), -1, -1);
        RequestSource measured = spec.runLength() instanceof RunLength.RequestCount count
                ? RequestSource.forCount(workload, bodies, count.requests(), 0, 1)
                : RequestSource.lazy(workload, bodies);
        return new RequestSource[] {warmup, measured};
    }

    private Future<Void> runWarmup(RequestExecutor executor, RequestSource source) {
        if (spec.warmupRequests() == 0) {
            return Future.succeededFuture();
        }
        LoadMode mode = spec.loadMode() instanceof LoadMode.Concurrency c
                ? new LoadMode.Concurrency(Math.min(c.limit(), spec.warmupRequests()))
                : LoadMode.unlimitedRate();
        return startPhase(executor, source, mode, new RunLength.RequestCount(spec.warmupRequests()),
                new MetricsRecorder(), true);
    }

    private Future<BenchResult> runMeasured(RequestExecutor executor, RequestSource source, String model) {
        MetricsRecorder recorder = new MetricsRecorder(spec.goodput().orElse(null));
        Instant startedAt = Instant.now();
        Future<Void> finished = startPhase(executor, source, spec.loadMode(), spec.runLength(), recorder, false);
        long phaseStart = phase.startNanos();
        return finished.map(v -> {
            double seconds = (System.nanoTime() - phaseStart) / 1e9;
            return new BenchResult(spec, model, startedAt, seconds, recorder.completed(), recorder.failed(),
                    recorder.errors(), recorder.errorSamples(), recorder.promptTokens(), recorder.outputTokens(),
                    recorder.contentChunks(), recorder.withoutUsage(), recorder.ttft.summarize(spec.percentiles()),
                    recorder.tpot.summarize(spec.percentiles()), recorder.itl.summarize(spec.percentiles()),
                    recorder.e2e.summarize(spec.percentiles()), recorder.meanSendLagMs(), recorder.maxSendLagMs(),
                    recorder.good());
        });
    }

    private Future<Void> startPhase(RequestExecutor executor, RequestSource source, LoadMode mode, RunLength length,
            MetricsRecorder recorder, boolean warmup) {
        phase = new LoadPhase(vertx, context, executor, source, mode, length, recorder, spec.seed());
        phaseRecorder = recorder;
        phaseIsWarmup = warmup;
        lastProgressCount = 0;
        lastProgressNanos = System.nanoTime();
        return phase.start();
    }

    private void publishProgress() {
        if (phase == null) {
            return;
        }
        long now = System.nanoTime();
        long count = phaseRecorder.completed() + phaseRecorder.failed();
        double rate = (count - lastProgressCount) / Math.max(1e-9, (now - lastProgressNanos) / 1e9);
        lastProgressCount = count;
        lastProgressNanos = now;
        RunLength length = phaseIsWarmup ? new RunLength.RequestCount(spec.warmupRequests()) : spec.runLength();
        long target = length instanceof RunLength.RequestCount c ? c.requests() : -1;
        double budget = length instanceof RunLength.TimeBudget b ? b.duration().toMillis() / 1e3 : -1;
        listener.onProgress(new Progress(spec.label(), phaseIsWarmup, (now - phase.startNanos()) / 1e9,
                phaseRecorder.completed(), phaseRecorder.failed(), target, budget, phase.inFlight(), rate));
    }

    private HttpClientOptions clientOptions() {
        return new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout(10_000)
                .setDecompressionSupported(false)
                .setSsl(target.ssl())
                .setTrustAll(spec.trustAll())
                .setVerifyHost(!spec.trustAll())
                .setDefaultHost(target.host())
                .setDefaultPort(target.port());
    }
}
