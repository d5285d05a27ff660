package io.ascendgw.gateway.bench.scenario;

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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A gateway a scenario starts (with a pool of simulated engines) and drives through its admin API and the engines'
 * own fault-control API, as an operator and a chaos script would.
 */
public final class ScenarioGateway implements AutoCloseable {

    /** System property naming the gateway jar, for programs not started from it (tests, a benchmark's --jar). */
    public static final String JAR_PROPERTY = ServerProcess.JAR_PROPERTY;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess process;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ScenarioGateway(ServerProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts a gateway with {@code properties} ({@code -D} keys) and waits until every engine is ready. */
    public static ScenarioGateway start(Path workDir, Map<String, String> properties, int engines) {
        int port = ServerProcess.freePort();
        List<String> jvm = new ArrayList<>(ServerProcess.GATEWAY_JVM_OPTIONS);
        jvm.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dgateway.supervision.run-dir=" + workDir.resolve("gateway-run")));
        properties.forEach((k, v) -> jvm.add("-D" + k + "=" + v));
        ServerProcess process = ServerProcess.start("gateway", ServerProcess.thisJar(jvm, null), Map.of(),
                workDir.resolve("gateway.log"));
        try {
            process.awaitHttp("http://127.0.0.1:" + port + "/health", 200, Duration.ofSeconds(120));
            ScenarioGateway gateway = new ScenarioGateway(process, "http://127.0.0.1:" + port);
            gateway.awaitAllReady(engines, Duration.ofSeconds(120));
            return gateway;
        } catch (RuntimeException e) {
            // A gateway that never became ready may still run, with engines: the caller has nothing to close.
            process.close();
            throw e;
        }
    }

    /**
     * The properties of a gateway that runs one pool, {@code bench}, of {@code replicas} simulated engines serving
     * {@code model} (as its served name too) started with {@code simArgs}, and nothing else; a benchmark adds its own.
     */
    public static Map<String, String> simulatedPool(String model, int replicas, List<String> simArgs) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.embedded.enabled", "false");
        properties.put("gateway.pools.bench.launcher", "sim");
        properties.put("gateway.pools.bench.model", model);
        properties.put("gateway.pools.bench.served-model-name", model);
        properties.put("gateway.pools.bench.replicas", Integer.toString(replicas));
        properties.put("gateway.pools.bench.npus-per-replica", "0");
        properties.put("gateway.pools.bench.args", String.join(",", simArgs));
        return properties;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The engines' own base URLs (to read a simulator's counters directly). */
    public List<String> engineUrls() {
        return engines().stream().map(e -> e.path("url").asText()).toList();
    }

    long pid() {
        return process.pid();
    }

    List<JsonNode> engines() {
        List<JsonNode> engines = new ArrayList<>();
        get("/admin/engines").forEach(engines::add);
        return engines;
    }

    long readyEngines() {
        return engines().stream().filter(e -> "ready".equals(e.path("state").asText())).count();
    }

    /** Waits until {@code count} engines are ready; returns how long it took. */
    Duration awaitAllReady(int count, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (readyEngines() >= count) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            pause(100);
        }
        throw new IllegalStateException("fewer than " + count + " engines ready after " + timeout + ": " + engines());
    }

    JsonNode engine(String id) {
        return engines().stream().filter(e -> id.equals(e.path("id").asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no engine " + id));
    }

    /** Sends a fault to a simulated engine's control API ({@code POST /sim/faults}). */
    void fault(String engineId, String faultJson) {
        post(engine(engineId).path("url").asText() + "/sim/faults", faultJson);
    }

    void post(String url, String body) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : baseUrl + url))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String metrics() {
        String text = fetch(baseUrl + "/metrics");
        return text == null ? "" : text;
    }

    /** The body of {@code GET url} (any URL, e.g. an engine's {@code /metrics}), or null when it fails. */
    public String fetch(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Open file descriptors of the gateway process (sockets included). */
    int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A numeric field of the gateway's {@code /proc/<pid>/status}, e.g. {@code VmRSS} (kB) or {@code Threads}. */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Processes below the gateway (engines and their workers). */
    long descendants() {
        return ProcessHandle.of(pid()).map(p -> p.descendants().count()).orElse(0L);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
