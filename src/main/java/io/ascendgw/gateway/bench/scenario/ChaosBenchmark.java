package io.ascendgw.gateway.bench.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import io.ascendgw.gateway.bench.SubcommandFlags;
import io.ascendgw.gateway.bench.UsageException;

/**
 * {@code bench chaos} (flags in {@link #USAGE}): runs {@link ChaosScenario} and prints,
 * per fault, what the load saw, then the resource comparison.
 */
public final class ChaosBenchmark {

    private ChaosBenchmark() {
    }

    static final String USAGE = """
            usage: bench chaos [--phase-seconds S] [--engines N] [--concurrency C]

            Starts a gateway with N simulated engines and keeps C streaming and C non-streaming clients busy while,
            S seconds per fault, one engine is killed (SIGKILL), one hangs, one answers 500s, one stops answering
            HTTP, and then the whole pool is restarted. Prints, per fault, what the clients saw and how long the
            pool took to be whole again, then whether the gateway's files, threads or child processes grew.

              --phase-seconds    seconds per fault, >= 8; default: 30
              --engines          >= 4; default: 4
              --concurrency      clients of each kind, >= 1; default: 16
            """;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int seconds;
        int engines;
        int concurrency;
        try {
            SubcommandFlags flags = SubcommandFlags.parse(args,
                    Set.of("--phase-seconds", "--engines", "--concurrency"), Set.of());
            if (flags.help()) {
                out.print(USAGE);
                return 0;
            }
            seconds = flags.integer("--phase-seconds", 8, 30);
            engines = flags.integer("--engines", 4, 4);
            concurrency = flags.integer("--concurrency", 1, 16);
        } catch (UsageException e) {
            return SubcommandFlags.rejected("bench chaos", e, USAGE, err);
        }
        Path workDir = Path.of("bench-results", "chaos-" + System.currentTimeMillis()).toAbsolutePath();
        ChaosScenario.Outcome outcome = ChaosScenario.run(new ChaosScenario.Settings(engines,
                Duration.ofSeconds(seconds), concurrency, workDir), err);
        out.print(render(outcome, engines, seconds, concurrency));
        return 0;
    }

    static String render(ChaosScenario.Outcome outcome, int engines, int seconds, int concurrency) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "=========== Chaos under load: %d engines,"
                + " %d s per fault, %d streaming + %d non-streaming clients ===========%n", engines, seconds,
                concurrency, concurrency));
        s.append(String.format(Locale.ROOT, "%-38s %9s %9s %9s %9s %9s %9s %10s%n", "fault", "plain ok", "plain err",
                "stream ok", "cut+event", "cut silent", "stream err", "whole (s)"));
        for (ChaosScenario.PhaseResult p : outcome.phases()) {
            s.append(String.format(Locale.ROOT, "%-38s %9d %9d %9d %9d %9d %9d %10.1f%n", p.fault(),
                    p.nonStreaming().completed(), p.failedNonStreaming(), p.streaming().completed(),
                    p.streamsCutWithError(), p.streamsCutSilently(), p.streamsFailedOtherwise(),
                    p.poolWholeAfter().toMillis() / 1000.0));
        }
        ChaosScenario.Leaks l = outcome.leaks();
        s.append(String.format(Locale.ROOT, "%nGateway resources before the first fault -> after the last (pool whole"
                + " again): open files %d -> %d, threads %d -> %d, child processes %d -> %d%n", l.fdsBefore(),
                l.fdsAfter(), l.threadsBefore(), l.threadsAfter(), l.processesBefore(), l.processesAfter()));
        s.append("Goals: plain err = 0 (another engine was always healthy), cut silent = 0 (a cut stream always ends"
                + " with an error event), no growth of files, threads, processes.\n");
        return s.toString();
    }
}
