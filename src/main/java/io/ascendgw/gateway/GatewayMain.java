package io.ascendgw.gateway;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar, three programs: the gateway (default), the vLLM-compatible engine simulator ({@code sim}) and the
 * load generator ({@code bench}). The sub-commands run before Quarkus boots, so a simulator process costs a JVM
 * and nothing more.
 */
@QuarkusMain
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "sim" -> {
                    io.ascendgw.gateway.sim.SimulatorMain.main(rest);
                    return;
                }
                case "bench" -> {
                    io.ascendgw.gateway.bench.LoadGeneratorMain.main(rest);
                    return;
                }
                default -> {
                }
            }
        }
        Quarkus.run(args);
    }
}
