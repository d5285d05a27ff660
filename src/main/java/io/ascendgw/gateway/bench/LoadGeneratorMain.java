package io.ascendgw.gateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench} entry point: parse flags, run, print the table (stdout) and progress (stderr), write the JSON
 * result. Runs before and without Quarkus. Exit codes: 0 ran (request errors included), 1 could not run, 2 bad flags.
 */
public final class LoadGeneratorMain {

    private LoadGeneratorMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** The whole program with its streams passed in; returns the exit code. Blocking; any non-Vert.x thread. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "proxy-overhead" -> {
                    return io.ascendgw.gateway.bench.scenario.ProxyOverheadBenchmark.run(rest, out, err);
                }
                case "routing" -> {
                    return io.ascendgw.gateway.bench.routing.RoutingBenchmarkMain.run(rest, out, err);
                }
                case "lora" -> {
                    return io.ascendgw.gateway.bench.lora.LoraBenchmarkMain.run(rest, out, err);
                }
                case "fairness" -> {
                    return io.ascendgw.gateway.bench.fairness.FairnessBenchmarkMain.run(rest, out, err);
                }
                case "chaos" -> {
                    return io.ascendgw.gateway.bench.scenario.ChaosBenchmark.run(rest, out, err);
                }
                case "soak" -> {
                    return io.ascendgw.gateway.bench.scenario.SoakBenchmark.run(rest, out, err);
                }
                default -> {
                    // the load generator itself
                }
            }
        }
        CliOptions options;
        try {
            options = CliParser.parse(args);
        } catch (UsageException e) {
            err.println("bench: " + e.getMessage());
            err.println("Run with --help for all flags.");
            return 2;
        }
        if (options.help()) {
            out.print(CliUsage.TEXT);
            return 0;
        }
        LoadSpec spec = options.spec();
        err.println("[bench] " + spec.baseUrl() + spec.endpoint().path() + " " + spec.loadMode().describe() + " "
                + spec.workload().describe() + " output-len " + spec.describeOutputLengths()
                + (spec.stream() ? " stream" : " no-stream"));
        BenchResult result;
        try (LoadGenerator generator = LoadGenerator.create()) {
            result = generator.run(spec, progress -> err.println(progress.line()));
        } catch (RuntimeException e) {
            err.println("bench: run failed: " + e.getMessage());
            return 1;
        }
        out.print(ResultTable.format(result));
        result.errorSamples().forEach((kind, detail) -> err.println("[bench] first " + kind + ": " + detail));
        if (options.resultFile().isPresent()) {
            Path file = options.resultFile().get();
            try {
                Files.writeString(file, result.toJson(), StandardCharsets.UTF_8);
                err.println("[bench] result written to " + file);
            } catch (IOException e) {
                err.println("bench: cannot write " + file + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
