package io.ascendgw.gateway.sim;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the vLLM-compatible engine simulator: a stand-in for
 * {@code python -m vllm.entrypoints.openai.api_server} running as its own OS process, with plain Vert.x core (no
 * Quarkus). Real process, real port, real HTTP; only token generation is simulated.
 *
 * <p>Run as {@code java -jar quarkus-run.jar sim <flags>} or {@code java -cp <classpath>
 * io.ascendgw.gateway.sim.SimulatorMain <flags>}. vLLM's flags (see {@code --help}) keep their meaning; unknown flags
 * are accepted and ignored with one warning line. Simulator-only flags start with {@code --sim-}:
 * <ul>
 * <li>{@code --sim-vllm-version V} (0.11.0): 0.11.0 or 0.7.3 wire behaviour, metrics and log lines</li>
 * <li>{@code --sim-prefill-tokens-per-s} (16000), {@code --sim-decode-base-ms} (14), {@code --sim-decode-per-seq-ms}
 * (0.12): the speed model (Qwen2.5-3B on one Ascend 910B2); {@code --sim-zero-delay}: no simulated time</li>
 * <li>{@code --sim-startup-delay S} (0): refuse connections while "loading"</li>
 * <li>{@code --sim-crash-after-requests N}, {@code --sim-crash-after-seconds S}, {@code --sim-crash-exit-code} (1):
 * abrupt exit, workers left behind</li>
 * <li>{@code --sim-hang-after-requests N}, {@code --sim-hang-after-seconds S}: the engine stops producing tokens
 * (health stays 200); {@code --sim-hang-http}: a hang also silences HTTP (alone: from the start)</li>
 * <li>{@code --sim-fail-rate P} (0): deterministic share of generation requests answered 500</li>
 * <li>{@code --sim-abort-stream-after-tokens K}: cut streaming connections after K token events</li>
 * <li>{@code --sim-workers N} (1): child processes marked {@value WorkerProcesses#MARKER}</li>
 * <li>{@code --sim-seed} (0), {@code --sim-keep-alive-timeout} (5 s), {@code --sim-stats-interval} (10 s),
 * {@code --sim-event-loops} (1), {@code --sim-output-len-min/max} (10/200)</li>
 * </ul>
 * Control API: {@code GET /sim/state}, {@code POST /sim/faults} with {@code {"clear":true}}, {@code {"hang":true}},
 * {@code {"hangHttp":true}}, {@code {"dead":true}}, {@code {"failRate":1.0}}, {@code {"abortStreamAfterTokens":3}},
 * {@code {"crash":true}}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        SimArgs parsed;
        try {
            parsed = SimArgsParser.parse(List.of(args), System.getenv());
        } catch (SimArgsException e) {
            System.err.println(SimUsage.shortUsage());
            System.err.println("api_server.py: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.print(SimUsage.text());
            return;
        }
        long pid = ProcessHandle.current().pid();
        SimLog log = new SimLog(parsed.dialect(), System.out, System.err, pid);
        StartupLog.banner(parsed, log);
        WorkerProcesses workers = WorkerProcesses.spawn(Math.max(0, parsed.sim().workers()), pid);
        if (parsed.dialect().legacy() && !workers.pids().isEmpty()) {
            log.info("api_server.py:209", "Started engine process with PID " + workers.pids().get(0));
        }
        ProcessLifecycle lifecycle = new ProcessLifecycle(log, workers);
        lifecycle.install();
        try {
            lifecycle.running(Simulator.start(parsed, SimEnvironment.system()));
        } catch (SimStartupException e) {
            log.error("core.py:700", "EngineCore failed to start.");
            System.out.println("ValueError: " + e.getMessage());
            System.out.println(parsed.dialect().legacy()
                    ? "RuntimeError: Engine process failed to start. See stack trace for the root cause."
                    : "RuntimeError: Engine core initialization failed. See root cause above.");
            System.exit(1);
            return;
        }
        awaitForever();
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
