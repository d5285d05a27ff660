package io.ascendgw.gateway.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A simulated engine started directly from the packaged jar, for tests that point a gateway at an upstream. */
public final class SimProcess extends ManagedProcess {

    private final int port;

    private SimProcess(List<String> command, Path dir, int port) {
        super(command, dir, dir.resolve("sim-" + port + ".log"), Map.of());
        this.port = port;
    }

    /** Starts {@code sim --model <model> --host 127.0.0.1 --port <free> <args>} and waits for {@code /health}. */
    public static SimProcess start(Path dir, String model, String... args) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(GatewayProcess.javaBin(), "-XX:+UseSerialGC", "-Xmx256m",
                "-jar", GatewayProcess.appJar().toString(), "sim", "--model", model, "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--sim-workers", "0"));
        command.addAll(List.of(args));
        SimProcess sim = new SimProcess(command, dir, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Http.get(sim.baseUrl() + "/health").statusCode() == 200) {
                    return sim;
                }
            } catch (RuntimeException notYet) {
                GatewayProcess.sleep(100);
            }
        }
        sim.close();
        throw new IllegalStateException("simulator did not start:\n" + sim.output());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
