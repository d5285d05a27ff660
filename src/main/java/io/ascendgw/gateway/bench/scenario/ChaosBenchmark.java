package io.ascendgw.gateway.bench.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code bench chaos [--phase-seconds 30] [--engines 4] [--concurrency 16]}: runs {@link ChaosScenario} and prints,
 * per fault, what the load saw, then the resource comparison.
 */
public final class ChaosBenchmark {

    private ChaosBenchmark() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int seconds = 30;
        int engines = 4;
        int concurrency = 16;
        try {
            for (int i = 0; i < args.length; i += 2) {
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--phase-seconds" -> seconds = value;
                    case "--engines" -> engines = value;
                    case "--concurrency" -> concurrency = value;
                    default -> throw new IllegalArgumentException("unknown flag " + args[i]);
                }
            }
            if (engines < 4 || seconds < 8 || concurrency < 1) {
                throw new IllegalArgumentException("needs --engines >= 4, --phase-seconds >= 8, --concurrency >= 1");
            }
        } catch (RuntimeException e) {
            err.println("bench chaos: " + e.getMessage() + " (flags: --phase-seconds N --engines N --concurrency N)");
            return 2;
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
