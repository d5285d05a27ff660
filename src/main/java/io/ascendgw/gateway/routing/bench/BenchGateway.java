package io.ascendgw.gateway.routing.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway started as a child process of the benchmark ({@code java -jar quarkus-run.jar} with {@code -D}
 * properties), which launches its own simulated engines. {@link #close()} stops it and every process under it.
 */
final class BenchGateway implements AutoCloseable {

    private static final Pattern ENGINE_URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern READY = Pattern.compile("\"state\"\\s*:\\s*\"ready\"");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private BenchGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static BenchGateway start(Path jar, Path workDir, Map<String, String> properties) throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx768m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-Dgateway.supervision.run-dir=" + workDir.resolve("run")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = workDir.resolve("gateway.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new BenchGateway(process, port, log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code engines} engines are ready. */
    void awaitEngines(int engines, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + log);
            }
            String body = get("/admin/engines");
            if (body != null && READY.matcher(body).results().count() >= engines) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(engines + " engines not ready within " + timeout + "; see " + log);
    }

    /** Base URLs of the engines, from the admin API. */
    List<String> engineUrls() {
        String body = get("/admin/engines");
        List<String> urls = new ArrayList<>();
        if (body != null) {
            Matcher m = ENGINE_URL.matcher(body);
            while (m.find()) {
                urls.add(m.group(1));
            }
        }
        return urls;
    }

    /** GET {@code url} (absolute, or a path on the gateway); null on any failure. */
    String get(String url) {
        String target = url.startsWith("http") ? url : baseUrl() + url;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
