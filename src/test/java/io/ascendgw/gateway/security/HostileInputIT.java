package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.vertx.core.json.JsonObject;

/**
 * Hostile and broken input against the packaged gateway with a simulated engine: every mistake gets a clear 4xx in
 * OpenAI's shape, the gateway stays healthy, and a fuzz run over request bodies never yields a 500 nor leaks
 * connections or file descriptors.
 */
class HostileInputIT {

    private static final String MODEL = "m";
    private static final String VALID = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":4,\"temperature\":0.5,\"n\":1,\"stream\":false,\"stop\":[\"x\"],\"top_k\":3}";

    @TempDir
    static Path dir;

    static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayProcess.builder(dir)
                .simPool("p", MODEL, "--sim-zero-delay", "--max-model-len", "2048")
                .property("gateway.proxy.max-body-size", "256K").property("gateway.proxy.body-timeout", "2s")
                .property("gateway.proxy.access-log", "false")
                .start().awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) {
        return Http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertClientError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Http.error(response);
    }

    @Test
    void shouldAnswerEachKindOfBadInputWithTheRight4xx() {
        String chat = "/v1/chat/completions";
        assertClientError(post(chat, "application/json", "{\"model\":\"m\",\"messages\":[{\"role\":\"us".getBytes()), 400);
        assertClientError(post(chat, "application/json", "{\"model\":\"m\",\"messages\":\"hello\"}".getBytes()), 400);
        assertClientError(post(chat, "application/json", ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}],\"max_tokens\":1" + "0".repeat(400) + "}").getBytes()), 400);
        assertClientError(post(chat, "application/json", ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"x\":"
                + "[".repeat(150_000) + "]".repeat(150_000) + "}").getBytes()), 413);
        assertClientError(post(chat, "application/json", ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"x\":"
                + "[".repeat(1000) + "]".repeat(1000) + "}").getBytes()), 400);
        assertClientError(post(chat, "text/plain", VALID.getBytes()), 415);
        assertClientError(post(chat, "application/x-www-form-urlencoded", VALID.getBytes()), 415);
        byte[] badUtf8 = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "\u00ff")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] withEnd = new byte[badUtf8.length + 3];
        System.arraycopy(badUtf8, 0, withEnd, 0, badUtf8.length);
        System.arraycopy("\"}]".getBytes(), 0, withEnd, badUtf8.length, 3);
        assertClientError(post(chat, "application/json", withEnd), 400);
        assertClientError(post(chat, "application/json", VALID.replace("\"max_tokens\":4", "\"max_tokens\":100000")
                .getBytes()), 400);
        assertClientError(post(chat, "application/json", VALID.replace("\"n\":1", "\"n\":100000").getBytes()), 400);
        assertClientError(post(chat, "application/json", VALID.replace("\"model\":\"m\"", "\"model\":\"gpt-4o\"")
                .getBytes()), 404);
        assertClientError(post(chat, "application/json", "{\"model\":\"m\",\"messages\":[]}".getBytes()), 400);
        assertClientError(post(chat, "application/json", VALID.replace("\"temperature\":0.5", "\"temperature\":-3")
                .getBytes()), 400);
        assertClientError(post(chat, "application/json", ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "a".repeat(300_000) + "\"}]}").getBytes()), 413);
        assertThat(Http.postJson(gateway.baseUrl() + chat, VALID).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCutOffASlowDripUploadWith408() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"prompt\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            // Drip a byte every 300 ms; the gateway must answer 408 long before the body could complete
            while (System.nanoTime() < deadline && !answer.toString().contains("\r\n\r\n")) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                socket.setSoTimeout(300);
                try {
                    byte[] buffer = new byte[4096];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet
                }
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 408").contains("request_timeout");
        }
        assertThat(Http.get(gateway.baseUrl() + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNeverAnswer500NorLeakWhenFuzzed() throws Exception {
        // Given the gateway's baseline of open file descriptors
        int fdsBefore = openFds(gateway.pid());
        Random random = new Random(20261127L);
        List<String> failures = new ArrayList<>();
        // When many mutated bodies arrive (each a corruption of a valid request)
        for (int i = 0; i < 400; i++) {
            byte[] body = Mutations.mutate(VALID.getBytes(StandardCharsets.UTF_8), random);
            HttpResponse<String> response = post(i % 2 == 0 ? "/v1/chat/completions" : "/v1/completions",
                    "application/json", body);
            // Then every answer is a success or a client error in OpenAI's shape, never a server error
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + new String(body, StandardCharsets.UTF_8) + " -> "
                        + response.body());
            } else if (response.statusCode() >= 400) {
                JsonObject error = new JsonObject(response.body()).getJsonObject("error");
                assertThat(error.getString("message")).isNotBlank();
            }
        }
        assertThat(failures).isEmpty();
        // and afterwards the gateway is healthy and holds no more descriptors than before (pooled connections aside)
        assertThat(Http.get(gateway.baseUrl() + "/health").statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> openFds(gateway.pid()) <= fdsBefore + 40);
    }

    private static int openFds(long pid) {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
