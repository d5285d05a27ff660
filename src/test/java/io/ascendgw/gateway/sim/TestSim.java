package io.ascendgw.gateway.sim;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.metrics.PromText;

/** An in-process simulator on a free 127.0.0.1 port with captured logs and a recording "crash", plus a client. */
public final class TestSim implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final Simulator sim;
    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final List<Integer> crashes = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private TestSim(Map<String, String> environment, String... flags) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1"));
        all.addAll(Arrays.asList(flags));
        SimEnvironment env = new SimEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), crashes::add);
        this.sim = Simulator.start(SimArgsParser.parse(all, environment), env);
    }

    public static TestSim start(String... flags) {
        return new TestSim(System.getenv(), flags);
    }

    /** A simulator whose process environment is {@code environment} (vLLM reads some settings from it). */
    public static TestSim startWithEnvironment(Map<String, String> environment, String... flags) {
        return new TestSim(environment, flags);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sim.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(postRequest(path, body, headers));
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
        return client.sendAsync(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest postRequest(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public PromText metrics() {
        return PromText.parse(get("/metrics").body());
    }

    /** {@code data:} payloads of an SSE body, checking the framing on the way. */
    public static List<String> events(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line: " + body);
        }
        List<String> out = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            if (!event.startsWith("data: ") || event.contains("\n")) {
                throw new AssertionError("bad SSE event: " + event);
            }
            out.add(event.substring(6));
        }
        return out;
    }

    public static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    public String log() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sim.close();
    }
}
