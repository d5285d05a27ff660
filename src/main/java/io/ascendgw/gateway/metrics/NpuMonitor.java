package io.ascendgw.gateway.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.config.NpuConfig;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.metrics.npu.NpuFamilies;
import io.ascendgw.gateway.metrics.npu.NpuOwnership;
import io.ascendgw.gateway.metrics.npu.NpuProbe;
import io.ascendgw.gateway.metrics.npu.NpuProbeResult;
import io.ascendgw.gateway.metrics.npu.NpuProcess;
import io.ascendgw.gateway.metrics.npu.NpuSmiCommandProbe;
import io.ascendgw.gateway.metrics.npu.NpuSnapshot;
import io.ascendgw.gateway.metrics.npu.UnparsedLine;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Runs {@code npu-smi info} every {@code gateway.npu.interval} (one call at a time, on the probe's own threads,
 * never on an event loop), keeps the latest table as npu-exporter families and tells the operator, once each, when
 * npu-smi is absent, fails or recovers, prints a line the parser skips, or shows a process on one of our engines'
 * NPUs that is not theirs. Families older than {@code gateway.npu.stale-after} are dropped.
 */
@ApplicationScoped
public class NpuMonitor {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.npu");
    private static final int MAX_REMEMBERED = 256;

    private enum Status { UNKNOWN, AVAILABLE, ABSENT, FAILING }

    /** The latest table and what was derived from it. */
    private record Latest(NpuSnapshot snapshot, List<MetricFamily> families, long atNanos, double seconds) {
    }

    private final NpuConfig config;
    private final EngineRegistry registry;
    private final Vertx vertx;
    private final NpuProbe probe;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();
    private volatile Latest latest;
    private Status status = Status.UNKNOWN;
    private long timer = -1;

    @Inject
    public NpuMonitor(GatewayConfig config, EngineRegistry registry, Vertx vertx, GatewayMetrics metrics) {
        this.config = config.npu();
        this.registry = registry;
        this.vertx = vertx;
        this.probe = this.config.enabled() ? new NpuSmiCommandProbe(new NpuSmiCommandProbe.Settings(
                this.config.smiPath(), this.config.timeout(), Map.of("LC_ALL", "C"))) : null;
        metrics.gauge(GatewayMetrics.NPU_SMI_UP, this, m -> m.fresh().isPresent() ? 1 : 0, Tags.empty());
        metrics.gauge(GatewayMetrics.NPU_SMI_DURATION, this, m -> m.latest == null ? Double.NaN : m.latest.seconds(),
                Tags.empty());
    }

    void onStart(@Observes StartupEvent event) {
        if (probe == null) {
            LOG.info("NPU metrics off (gateway.npu.enabled=false)");
            return;
        }
        poll();
        timer = vertx.setPeriodic(Math.max(100, config.interval().toMillis()), id -> poll());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (probe != null) {
            probe.close();
        }
    }

    /** Starts a call (or joins the running one). Never blocks; the stage completes on the probe's thread. */
    public CompletionStage<NpuProbeResult> poll() {
        if (probe == null) {
            return CompletableFuture.completedStage(new NpuProbeResult.Absent(config.smiPath(), "disabled"));
        }
        return probe.probe().thenApply(result -> {
            accept(result);
            return result;
        });
    }

    /** Runs a call now and waits for it, at most the configured timeout plus a second. Blocking: startup only. */
    public NpuProbeResult pollAndWait() {
        try {
            return poll().toCompletableFuture().get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return new NpuProbeResult.TimedOut(config.timeout());
        }
    }

    /** The latest table if younger than the staleness limit. Never blocks. */
    public Optional<NpuSnapshot> fresh() {
        Latest current = latest;
        if (current == null || System.nanoTime() - current.atNanos() > config.staleAfter().toNanos()) {
            return Optional.empty();
        }
        return Optional.of(current.snapshot());
    }

    /** npu-exporter families of the latest fresh table, or nothing. Never blocks. */
    public List<MetricFamily> families() {
        Latest current = latest;
        return current != null && fresh().isPresent() ? current.families() : List.of();
    }

    /** Which engine each process belongs to, by pid ancestry against the engines running now. Blocking (/proc). */
    public NpuOwnership ownership() {
        Map<Long, String> engineByPid = new HashMap<>();
        for (Engine engine : registry.all()) {
            engine.process().pid().ifPresent(pid -> engineByPid.put(pid, engine.id()));
        }
        return new NpuOwnership(engineByPid, NpuOwnership.ProcessParents.host());
    }

    private synchronized void accept(NpuProbeResult result) {
        if (result instanceof NpuProbeResult.Available available) {
            onTable(available);
        } else if (result instanceof NpuProbeResult.Absent absent) {
            transition(Status.ABSENT, "npu-smi not found (" + absent.reason() + "); NPU metrics off");
        } else if (result instanceof NpuProbeResult.Failed failed) {
            transition(Status.FAILING, "npu-smi info failed: " + failed.message() + "; NPU metrics off until it"
                    + " works");
        } else if (result instanceof NpuProbeResult.TimedOut timedOut) {
            transition(Status.FAILING, "npu-smi info did not finish within " + timedOut.timeout()
                    + " and was killed; NPU metrics off until it works");
        }
    }

    private void onTable(NpuProbeResult.Available available) {
        NpuSnapshot snapshot = available.snapshot();
        transition(Status.AVAILABLE, "npu-smi " + snapshot.driverVersion().orElse("(unknown version)") + ": "
                + snapshot.chips().size() + " NPU chip(s); NPU metrics on");
        for (UnparsedLine line : snapshot.skippedLines()) {
            if (remember("line:" + line.line())) {
                LOG.warnf("npu-smi printed a line the gateway cannot read (%s), skipped: %s", line.reason(),
                        line.line().strip());
            }
        }
        for (String warning : snapshot.warnings()) {
            if (remember("warning:" + warning)) {
                LOG.warnf("npu-smi: %s", warning);
            }
        }
        Map<Integer, String> engineByNpu = engineByNpu();
        NpuOwnership ownership = ownership();
        Map<Integer, String> assigned = new HashMap<>();
        engineByNpu.forEach((npu, engine) -> assigned.put(npu, "engine " + engine));
        warnAboutForeign(snapshot, assigned, ownership);
        latest = new Latest(snapshot, NpuFamilies.of(snapshot, engineByNpu, ownership), System.nanoTime(),
                available.elapsed().toNanos() / 1e9);
    }

    /**
     * Warns, once per NPU and pid, about processes holding memory on an NPU in {@code assigned} that belong to none
     * of the engines. Blocking (/proc); not on an event loop.
     *
     * @param assigned NPU id → who it is for (an engine id, or a pool about to start)
     */
    public void warnAboutForeign(NpuSnapshot snapshot, Map<Integer, String> assigned, NpuOwnership ownership) {
        for (NpuProcess process : snapshot.processes()) {
            String owner = assigned.get(process.npuId());
            if (owner != null && ownership.ownerOf(process).isEmpty()
                    && remember("foreign:" + process.npuId() + ":" + process.pid())) {
                LOG.warnf("NPU %d IS IN USE by another process: pid %d (%s) holds %d MB of its memory and is not one"
                        + " of this gateway's engines; %s may fail to load or run out of device memory",
                        process.npuId(), process.pid(), process.name(), process.memoryMb(), owner);
            }
        }
    }

    private Map<Integer, String> engineByNpu() {
        Map<Integer, String> owners = new HashMap<>();
        for (Engine engine : registry.all()) {
            for (Integer npu : engine.devices()) {
                owners.merge(npu, engine.id(), (a, b) -> a + "," + b);
            }
        }
        return owners;
    }

    private void transition(Status next, String message) {
        if (next == status) {
            return;
        }
        Status previous = status;
        status = next;
        if (next == Status.FAILING || (next == Status.ABSENT && previous == Status.AVAILABLE)) {
            LOG.warn(message);
        } else {
            LOG.info(message);
        }
    }

    /** True the first time a text is seen; bounded so a chatty npu-smi cannot grow memory. */
    private boolean remember(String text) {
        return remembered.size() < MAX_REMEMBERED && remembered.add(text);
    }
}
