package io.ascendgw.gateway.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.engine.Scheduler;
import io.ascendgw.gateway.sim.engine.SchedulerConfig;
import io.ascendgw.gateway.sim.engine.SpeedModel;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.http.ServerContext;
import io.ascendgw.gateway.sim.http.SimServer;
import io.ascendgw.gateway.sim.lora.LoraAdapters;
import io.ascendgw.gateway.sim.lora.LoraException;
import io.ascendgw.gateway.sim.lora.LoraSettings;
import io.ascendgw.gateway.sim.metrics.Buckets;
import io.ascendgw.gateway.sim.metrics.HttpStats;
import io.ascendgw.gateway.sim.metrics.MetricsSetup;
import io.ascendgw.gateway.sim.metrics.MetricsText;
import io.ascendgw.gateway.sim.metrics.SimMetrics;
import io.ascendgw.gateway.sim.text.TextGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * A running simulated vLLM server (engine thread + Vert.x HTTP server), for {@link SimulatorMain} and for
 * in-process tests: {@code try (Simulator sim = Simulator.start(SimArgs.parse("--port", "0"))) { sim.port(); }}.
 */
public final class Simulator implements AutoCloseable {

    private final Vertx vertx;
    private final EngineLoop engine;
    private final SimServer server;
    private final SimMetrics metrics;
    private final Faults faults;
    private final int port;
    private final List<Long> timers = new ArrayList<>();

    private Simulator(Vertx vertx, EngineLoop engine, SimServer server, SimMetrics metrics, Faults faults, int port) {
        this.vertx = vertx;
        this.engine = engine;
        this.server = server;
        this.metrics = metrics;
        this.faults = faults;
        this.port = port;
    }

    /** Starts with stdout/stderr logs and a real-process crash ({@link Runtime#halt}). Blocking. */
    public static Simulator start(SimArgs args) {
        return start(args, SimEnvironment.system());
    }

    /**
     * Validates capacity, starts the engine, waits out {@code --sim-startup-delay} (connections are refused), then
     * listens and logs vLLM's ready lines. Blocking; throws {@link SimStartupException} if the engine cannot start.
     */
    public static Simulator start(SimArgs args, SimEnvironment env) {
        VllmDialect dialect = args.dialect();
        SimLog log = new SimLog(dialect, env.out(), env.err(), ProcessHandle.current().pid());
        checkCapacity(args);
        checkMediaPath(args.vllm().vision().allowedLocalMediaPath());
        Faults faults = new Faults(args.sim());
        SimMetrics metrics = new SimMetrics(new Buckets(!dialect.legacy()), args.vllm().maxModelLen(),
                args.numGpuBlocks());
        LoraSettings lora = args.vllm().lora();
        int maxLoras = lora.enabled() ? lora.maxLoras() : 0;
        LoraAdapters loras = new LoraAdapters(lora, args.vllm().servedModelNames());
        try {
            loras.loadStatic();
        } catch (LoraException e) {
            throw new SimStartupException(e.getMessage());
        }
        SchedulerConfig config = new SchedulerConfig(args.numGpuBlocks(), args.vllm().blockSize(),
                args.vllm().maxNumSeqs(), args.maxBatchedTokens(), args.prefixCaching(), maxLoras);
        TextGenerator generator = new TextGenerator(args.sim().outputLenMin(), args.sim().outputLenMax());
        SpeedModel speed = new SpeedModel(args.sim().prefillTokensPerSecond(), args.sim().decodeBaseMillis(),
                args.sim().decodePerSeqMillis(), args.sim().zeroDelay());
        EngineLoop engine = new EngineLoop(new Scheduler(config, generator, metrics), speed, faults::engineHung);
        engine.start();
        StartupLog startup = new StartupLog(args, log);
        startup.loading();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(args.sim().eventLoops())
                .setWorkerPoolSize(2).setInternalBlockingPoolSize(2)
                .setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1))
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        MetricsSetup setup = new MetricsSetup(args.vllm().primaryModelName(), !dialect.legacy(),
                dialect.kvCacheUsageName(), dialect.interTokenLatency(), args.vllm().blockSize(), args.numGpuBlocks(),
                args.vllm().numGpuBlocksOverride(), args.prefixCaching(), args.vllm().gpuMemoryUtilization(),
                !args.vllm().disableLogStats(), maxLoras);
        HttpStats httpStats = new HttpStats();
        ServerContext ctx = new ServerContext(args, dialect, engine, faults, metrics,
                new MetricsText(setup, metrics, httpStats), httpStats, log, new AtomicInteger(), env.crash(), loras);
        SimServer server = new SimServer(vertx, ctx);
        String host = args.vllm().host() == null ? "0.0.0.0" : args.vllm().host();
        int port;
        try {
            port = server.start(host, args.vllm().port(), args.sim().eventLoops()).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            engine.close();
            vertx.close();
            throw new SimStartupException("cannot listen on " + host + ":" + args.vllm().port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        Simulator sim = new Simulator(vertx, engine, server, metrics, faults, port);
        startup.ready(port);
        sim.startTimers(args, log, env);
        return sim;
    }

    /** The port actually listened on. */
    public int port() {
        return port;
    }

    /** Live engine metrics (for tests and benchmarks). */
    public SimMetrics metrics() {
        return metrics;
    }

    /** The fault switches (for tests; the control API changes the same object). */
    public Faults faults() {
        return faults;
    }

    /** Stops listening, then the engine. Blocking (a few hundred milliseconds at most). */
    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        try {
            server.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort; the engine still stops below
        }
        engine.close();
    }

    private void startTimers(SimArgs args, SimLog log, SimEnvironment env) {
        SimOptions sim = args.sim();
        if (!args.vllm().disableLogStats() && sim.statsIntervalSeconds() > 0) {
            StatsLogger stats = new StatsLogger(log, metrics, args.dialect().legacy(), args.prefixCaching());
            timers.add(vertx.setPeriodic(millis(sim.statsIntervalSeconds()), id -> stats.tick()));
        }
        if (sim.crashAfterSeconds() >= 0) {
            timers.add(vertx.setTimer(millis(sim.crashAfterSeconds()), id -> env.crash().accept(faults.crashExitCode())));
        }
        if (sim.hangAfterSeconds() >= 0) {
            timers.add(vertx.setTimer(millis(sim.hangAfterSeconds()), id -> faults.hang()));
        }
    }

    private static long millis(double seconds) {
        return Math.max(1, (long) (seconds * 1000));
    }

    /** vLLM refuses to start with a local media path that is not an existing directory. */
    private static void checkMediaPath(Path path) {
        if (path != null && !Files.exists(path)) {
            throw new SimStartupException("Invalid `--allowed-local-media-path`: The path " + path + " does not exist.");
        }
        if (path != null && !Files.isDirectory(path)) {
            throw new SimStartupException("Invalid `--allowed-local-media-path`: The path " + path
                    + " must be a directory.");
        }
    }

    private static void checkCapacity(SimArgs args) {
        long capacity = (long) args.numGpuBlocks() * args.vllm().blockSize();
        int maxLen = args.vllm().maxModelLen();
        if (capacity >= maxLen) {
            return;
        }
        if (args.dialect().legacy()) {
            throw new SimStartupException("The model's max seq len (" + maxLen + ") is larger than the maximum "
                    + "number of tokens that can be stored in KV cache (" + capacity + "). Try increasing "
                    + "`gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.");
        }
        double gib = 1L << 30;
        throw new SimStartupException(String.format(Locale.ROOT, "To serve at least one request with the models's "
                + "max seq len (%d), (%.2f GiB KV cache is needed, which is larger than the available KV cache "
                + "memory (%.2f GiB). Based on the available memory, the estimated maximum model length is %d. Try "
                + "increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
                maxLen, maxLen * (double) SimArgs.KV_BYTES_PER_TOKEN / gib,
                capacity * (double) SimArgs.KV_BYTES_PER_TOKEN / gib, capacity));
    }
}
