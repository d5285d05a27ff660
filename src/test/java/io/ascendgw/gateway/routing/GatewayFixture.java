package io.ascendgw.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.metrics.GatewayMetrics;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Scrape;

/**
 * A packaged gateway with a pool {@code p} of simulated engines serving model {@code m}, and the client calls the
 * routing integration tests make: OpenAI requests, the admin engine list, each engine's {@code /sim} control API,
 * and raw sockets for clients that leave mid-request.
 */
final class GatewayFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final GatewayProcess gateway;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayFixture(GatewayProcess gateway) {
        this.gateway = gateway;
    }

    /** Starts a gateway with {@code replicas} engines run with {@code simArgs}, plus extra properties. */
    static GatewayFixture start(Path workDir, int replicas, String simArgs, Map<String, String> properties) {
        GatewayProcess.Builder builder = GatewayProcess.builder(workDir)
                .property("gateway.embedded.enabled", "false")
                .property("gateway.pools.p.launcher", "sim")
                .property("gateway.pools.p.model", "m")
                .property("gateway.pools.p.served-model-name", "m")
                .property("gateway.pools.p.replicas", Integer.toString(replicas))
                .property("gateway.pools.p.npus-per-replica", "0")
                .property("gateway.pools.p.args", "--sim-workers,0," + simArgs)
                .property("gateway.supervision.restart-backoff", "200ms");
        properties.forEach(builder::property);
        GatewayFixture fixture = new GatewayFixture(builder.start());
        try {
            fixture.gateway.awaitReady(Duration.ofSeconds(120));
            fixture.awaitEnginesReady(replicas, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** The engines as the admin API lists them. */
    List<JsonNode> engines() {
        try {
            JsonNode list = JSON.readTree(get(gateway.baseUrl() + "/admin/engines").body());
            List<JsonNode> engines = new ArrayList<>();
            (list.isArray() ? list : list.path("engines")).forEach(engines::add);
            return engines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitEnginesReady(int count, Duration timeout) {
        new GatewayHttp(gateway.baseUrl()).awaitEnginesReady(count, timeout);
    }

    String engineUrl(int index) {
        return engines().get(index).path("url").asText();
    }

    long enginePid(int index) {
        return engines().get(index).path("pid").asLong();
    }

    /** The simulator's {@code /sim/state} {@code engine} section of engine {@code index}. */
    JsonNode simEngine(int index) {
        try {
            return JSON.readTree(get(engineUrl(index) + "/sim/state").body()).path("engine");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets faults on engine {@code index} through {@code POST /sim/faults}. */
    void faults(int index, String json) {
        send(HttpRequest.newBuilder(URI.create(engineUrl(index) + "/sim/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build());
    }

    /** The gateway's own metrics. */
    Scrape metrics() {
        return Scrape.of(get(gateway.baseUrl() + "/metrics").body());
    }

    /** Requests waiting in the gateway's admission queues, from its own metrics. */
    double queueLength() {
        return metrics().sum(GatewayMetrics.QUEUE_LENGTH);
    }

    /** A chat request body. */
    static String chat(String content, int maxTokens, boolean stream) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + TestEngines.json(content)
                + "}],\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,\"stream\":" + stream + "}";
    }

    HttpResponse<String> post(String body) {
        return send(postRequest(body));
    }

    HttpRequest postRequest(String body) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw HTTP/1.1 client: sends a chat request and lets the test read or walk away. */
    Socket openRequest(String body) throws IOException {
        return openRequest(body, null);
    }

    /** As {@link #openRequest(String)}, sending {@code apiKey} as a bearer token unless it is null. */
    Socket openRequest(String body, String apiKey) throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.port());
        socket.setSoTimeout(60_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        String authorization = apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n";
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + authorization + "Content-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    /** Reads from the socket until {@code marker} has arrived; returns everything read. */
    static String readUntil(Socket socket, String marker) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
