package io.ascendgw.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small blocking HTTP calls a test makes to a gateway or an engine. */
public final class GatewayHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public GatewayHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    public HttpResponse<String> post(String pathOrUrl, String json) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET /metrics}, parsed. */
    public Scrape metrics() {
        return Scrape.of(get("/metrics").body());
    }

    /** {@code GET /admin/engines}. */
    public JsonNode engines() {
        return json(get("/admin/engines").body());
    }

    /** The engine's entry in {@code /admin/engines}. */
    public JsonNode engine(String id) {
        for (JsonNode engine : engines()) {
            if (engine.path("id").asText().equals(id)) {
                return engine;
            }
        }
        throw new IllegalStateException("no engine " + id + " in " + engines());
    }

    /**
     * Waits until at least {@code count} engines are {@code ready}: the gateway's {@code /health} is 200 as soon as one
     * is, and a test that needs a second engine (a retry, a failover) must not start before it is up.
     */
    public void awaitEnginesReady(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int ready = 0;
            for (JsonNode engine : engines()) {
                ready += engine.path("state").asText().equals("ready") ? 1 : 0;
            }
            if (ready >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(ready + " of " + count + " engines ready after " + timeout + ": "
                        + engines());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order ({@code [DONE]} included). */
    public static List<String> events(String sseBody) {
        List<String> events = new ArrayList<>();
        for (String line : sseBody.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        return events;
    }

    /**
     * Sends a streaming request over a raw socket, reads until the first SSE event arrives, then closes the
     * connection, as a client that gives up does.
     */
    public void startStreamAndHangUp(String path, String json) {
        URI uri = uri(path);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            while (!seen.toString().contains("data: ") && (read = in.read(buffer)) > 0) {
                seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
