package io.ascendgw.gateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) running as a real process on a free loopback
 * port, configured through system properties, in a working directory of its own (engine logs, state file).
 */
public final class GatewayProcess extends ManagedProcess {

    private final int port;
    private final Path workDir;

    private GatewayProcess(List<String> command, Path workDir, int port, Map<String, String> env) {
        super(command, workDir, workDir.resolve("gateway.log"), env);
        this.port = port;
        this.workDir = workDir;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    /** Waits until the gateway's output matches {@code regex} (log lines are written after the response). */
    public String awaitLog(String regex, Duration timeout) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (pattern.matcher(output).find()) {
                return output;
            }
            sleep(50);
        }
        throw new AssertionError("gateway output never matched /" + regex + "/ within " + timeout + ":\n" + output());
    }

    /** Waits until {@code GET /health} answers 200 (at least one engine ready). */
    public GatewayProcess awaitReady(Duration timeout) {
        awaitHealth(timeout, 200);
        return this;
    }

    /** Waits until the HTTP server answers {@code /q/health/live}, whatever the engines do. */
    public GatewayProcess awaitUp(Duration timeout) {
        awaitPath("/q/health/live", timeout, 200);
        return this;
    }

    private void awaitHealth(Duration timeout, int status) {
        awaitPath("/health", timeout, status);
    }

    private void awaitPath(String path, Duration timeout, int status) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                String output = output();
                close();
                throw new IllegalStateException("gateway exited with " + process().exitValue() + ":\n" + output);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        String output = output();
        // The caller's try-with-resources never got this process: stop it (and its engines) here.
        close();
        throw new IllegalStateException("gateway not answering " + status + " on " + path + " within " + timeout
                + ":\n" + output);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configuration of a gateway process; every key is a Quarkus/gateway configuration property. */
    public static final class Builder {
        private final Path workDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(Path workDir) {
            this.workDir = workDir;
            properties.put("quarkus.http.host", "127.0.0.1");
            properties.put("gateway.supervision.stop-grace", "5s");
            properties.put("quarkus.shutdown.timeout", "5s");
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * A pool of simulated engines on no NPU ({@code launcher: sim}, {@code npus-per-replica: 0}) running
         * {@code model} with the simulator flags {@code args}; further keys of the pool are set with
         * {@link #property}.
         */
        public Builder simPool(String pool, String model, String... args) {
            String prefix = "gateway.pools." + pool + ".";
            property(prefix + "launcher", "sim").property(prefix + "model", model)
                    .property(prefix + "npus-per-replica", "0");
            return args.length == 0 ? this : property(prefix + "args", String.join(",", args));
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public GatewayProcess start() {
            int port = FreePorts.next();
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.port=" + port));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(appJar().toString());
            try {
                Files.createDirectories(workDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new GatewayProcess(command, workDir, port, env);
        }
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The packaged gateway; Failsafe passes its directory, else the default Maven layout is assumed. */
    public static Path appJar() {
        String dir = System.getProperty("gateway.app.dir", "target/quarkus-app");
        Path jar = Path.of(dir, "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvnw package' (integration tests run after it)");
        }
        return jar;
    }
}
