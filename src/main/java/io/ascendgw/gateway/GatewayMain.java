package io.ascendgw.gateway;

import java.io.PrintStream;
import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar, three programs: the gateway (no arguments), the vLLM-compatible engine simulator ({@code sim}) and the
 * load generator ({@code bench}). The sub-commands run before Quarkus boots, so a simulator process costs a JVM
 * and nothing more.
 */
@QuarkusMain
public final class GatewayMain {

    static final String USAGE = """
            usage: java [-Dgateway.KEY=VALUE ...] -jar quarkus-run.jar [sim ... | bench ...]

              (no arguments)   the gateway: the OpenAI API on port 8000 in front of the engines it starts or is
                               given; configured by application.yaml, -Dgateway.* or GATEWAY_* variables (README,
                               section Configuration)
              sim [flags]      the vLLM-compatible engine simulator; accepts vLLM's flags (sim --help)
              bench [flags]    the load generator, and the benchmarks built on it (bench --help)
            """;

    private GatewayMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "sim" -> io.ascendgw.gateway.sim.SimulatorMain.main(rest);
                case "bench" -> io.ascendgw.gateway.bench.LoadGeneratorMain.main(rest);
                default -> System.exit(notAProgram(args[0], System.out, System.err));
            }
            return;
        }
        Quarkus.run(args);
    }

    /**
     * Answers a first argument that names no program: the usage on stdout and 0 when it asks for help, else the
     * problem and the usage on stderr and 2, rather than start a gateway on port 8000 the caller did not ask for.
     */
    static int notAProgram(String argument, PrintStream out, PrintStream err) {
        if (argument.equals("-h") || argument.equals("--help") || argument.equals("help")) {
            out.print(USAGE);
            return 0;
        }
        err.println("unknown program '" + argument + "'; the gateway itself takes no arguments");
        err.print(USAGE);
        return 2;
    }
}
