package io.ascendgw.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonObject;

/** Small blocking HTTP helpers over the JDK client, for tests. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public static HttpResponse<String> postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code error} object of an OpenAI-shaped error body, checking the shape. */
    public static JsonObject error(HttpResponse<String> response) {
        JsonObject body = new JsonObject(response.body());
        if (!body.fieldNames().equals(java.util.Set.of("error"))) {
            throw new AssertionError("not an OpenAI error body: " + response.body());
        }
        JsonObject error = body.getJsonObject("error");
        if (!error.containsKey("message") || !error.containsKey("type") || !error.containsKey("param")
                || !error.containsKey("code")) {
            throw new AssertionError("error lacks message/type/param/code: " + response.body());
        }
        return error;
    }
}
