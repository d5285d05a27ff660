package io.ascendgw.gateway.metrics.npu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code <command> info} on its own two daemon threads (one runs and reads the process, one enforces the
 * timeout), one run at a time, and parses the table with {@link NpuSmiInfoParser}. stderr is merged into stdout, so
 * error texts reach {@link NpuProbeResult.Failed}. On timeout or {@link #close()} the whole process tree is killed.
 * A missing executable is {@link NpuProbeResult.Absent}, checked before each run, so the gateway can say it once and
 * carry on (and notice a driver installed later).
 */
public final class NpuSmiCommandProbe implements NpuProbe {

    /** Output beyond this is drained but not kept; a real table is a few KB. */
    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    /**
     * @param command     path or bare name (looked up on {@code PATH}) of npu-smi
     * @param timeout     hard limit per run; npu-smi takes ~0.5 s, the reference recommends 15 s
     * @param environment added to the inherited environment of the process ({@code LC_ALL=C} by default)
     */
    public record Settings(String command, Duration timeout, Map<String, String> environment) {
        public Settings {
            Objects.requireNonNull(command, "command");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            environment = Map.copyOf(environment);
        }

        public static Settings defaults() {
            return new Settings("npu-smi", Duration.ofSeconds(15), Map.of("LC_ALL", "C"));
        }
    }

    private final Settings settings;
    private final NpuSmiInfoParser parser = new NpuSmiInfoParser();
    private final ScheduledExecutorService threads;
    private final AtomicReference<CompletableFuture<NpuProbeResult>> inFlight = new AtomicReference<>();
    private final AtomicReference<Process> running = new AtomicReference<>();
    private final AtomicInteger threadIds = new AtomicInteger();
    private volatile boolean closed;

    public NpuSmiCommandProbe(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.threads = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "npu-smi-probe-" + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletionStage<NpuProbeResult> probe() {
        while (true) {
            CompletableFuture<NpuProbeResult> current = inFlight.get();
            if (current != null && !current.isDone()) {
                return current.minimalCompletionStage();
            }
            if (closed) {
                return CompletableFuture.completedStage(closedResult());
            }
            CompletableFuture<NpuProbeResult> next = new CompletableFuture<>();
            if (inFlight.compareAndSet(current, next)) {
                try {
                    threads.execute(() -> next.complete(runGuarded()));
                } catch (RejectedExecutionException shutDown) {
                    next.complete(closedResult());
                }
                return next.minimalCompletionStage();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Process process = running.get();
        if (process != null) {
            killTree(process);
        }
        threads.shutdownNow();
    }

    private NpuProbeResult runGuarded() {
        try {
            return run();
        } catch (RuntimeException unexpected) {
            return new NpuProbeResult.Failed("npu-smi probe failed: " + unexpected, OptionalInt.empty());
        }
    }

    private NpuProbeResult run() {
        long started = System.nanoTime();
        Optional<String> missing = missingReason();
        if (missing.isPresent()) {
            return new NpuProbeResult.Absent(settings.command(), missing.get());
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(settings.command(), "info")).redirectErrorStream(true);
        builder.environment().putAll(settings.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return notStarted(e);
        }
        running.set(process);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> killer = threads.schedule(() -> {
            timedOut.set(true);
            killTree(process);
        }, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            process.getOutputStream().close();
            String output = readCapped(process.getInputStream());
            int exitCode = process.waitFor();
            if (timedOut.get()) {
                return new NpuProbeResult.TimedOut(settings.timeout());
            }
            if (closed) {
                return closedResult();
            }
            return interpret(output, exitCode, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            killTree(process);
            return timedOut.get() ? new NpuProbeResult.TimedOut(settings.timeout())
                : new NpuProbeResult.Failed("reading npu-smi output failed: " + e.getMessage(), OptionalInt.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return closedResult();
        } finally {
            killer.cancel(false);
            running.set(null);
        }
    }

    private NpuProbeResult interpret(String output, int exitCode, Duration elapsed) {
        if (exitCode != 0) {
            String printed = NpuSmiCells.summary(output, 3);
            return new NpuProbeResult.Failed("npu-smi exited with status " + exitCode
                + (printed.isEmpty() ? "" : ": " + printed), OptionalInt.of(exitCode));
        }
        NpuInfoParse parse = parser.parse(output);
        if (parse instanceof NpuInfoParse.Parsed parsed) {
            return new NpuProbeResult.Available(parsed.snapshot(), elapsed);
        }
        return new NpuProbeResult.Failed(((NpuInfoParse.Rejected) parse).reason(), OptionalInt.of(0));
    }

    private Optional<String> missingReason() {
        String command = settings.command();
        if (command.contains("/")) {
            return Files.exists(Path.of(command)) ? Optional.empty() : Optional.of("no such file: " + command);
        }
        String path = settings.environment().getOrDefault("PATH", Objects.requireNonNullElse(System.getenv("PATH"), ""));
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return Optional.empty();
            }
        }
        return Optional.of(command + " not found on PATH");
    }

    private NpuProbeResult notStarted(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return new NpuProbeResult.Absent(settings.command(), message);
        }
        return new NpuProbeResult.Failed("cannot start npu-smi: " + message, OptionalInt.empty());
    }

    private static String readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            int room = MAX_OUTPUT_BYTES - kept.size();
            if (room > 0) {
                kept.write(buffer, 0, Math.min(room, read));
            }
        }
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** Kills the process and everything it started (collected first: orphans can no longer be found). */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static NpuProbeResult closedResult() {
        return new NpuProbeResult.Failed("npu-smi probe is closed", OptionalInt.empty());
    }
}
