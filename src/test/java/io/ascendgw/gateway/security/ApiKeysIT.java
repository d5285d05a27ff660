package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.RecordingUpstream;

/** API keys and per-key limits on a packaged gateway in front of a recording upstream. */
class ApiKeysIT {

    @TempDir
    Path dir;

    private static HttpResponse<String> complete(GatewayProcess gw, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + RecordingUpstream.MODEL
                        + "\",\"prompt\":\"x\"}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return Http.send(request.build());
    }

    @Test
    void shouldRequireAValidKeyNameItInLogsAndHideItFromEngines() {
        try (RecordingUpstream upstream = new RecordingUpstream();
                GatewayProcess gw = GatewayProcess.builder(dir).property("gateway.upstreams", upstream.baseUrl())
                        .property("gateway.security.keys.batch-jobs.sha256", ApiKeyStore.sha256Hex("sk-secret-1"))
                        .start().awaitReady(Duration.ofSeconds(60))) {
            HttpResponse<String> none = complete(gw, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(Http.error(none).getString("code")).isEqualTo("invalid_api_key");
            assertThat(complete(gw, "sk-wrong").statusCode()).isEqualTo(401);
            assertThat(Http.get(gw.baseUrl() + "/v1/models").statusCode()).isEqualTo(401);
            // vLLM leaves its tokenizer open; the gateway guards everything that reaches an engine
            assertThat(Http.postJson(gw.baseUrl() + "/tokenize", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(401);
            assertThat(Http.postJson(gw.baseUrl() + "/detokenize", "{\"tokens\":[1]}").statusCode()).isEqualTo(401);
            assertThat(Http.postJson(gw.baseUrl() + "/rerank", "{\"query\":\"q\",\"documents\":[\"d\"]}")
                    .statusCode()).isEqualTo(401);
            assertThat(Http.postJson(gw.baseUrl() + "/score", "{\"text_1\":\"a\",\"text_2\":\"b\"}").statusCode())
                    .isEqualTo(401);
            assertThat(Http.postJson(gw.baseUrl() + "/v1/rerank", "{\"query\":\"q\",\"documents\":[\"d\"]}")
                    .statusCode()).isEqualTo(401);
            assertThat(upstream.received()).isEmpty();

            assertThat(complete(gw, "sk-secret-1").statusCode()).isEqualTo(200);
            assertThat(upstream.received()).singleElement()
                    .satisfies(r -> assertThat(r.headers().contains("Authorization")).isFalse());
            gw.awaitLog("key=batch-jobs model=" + RecordingUpstream.MODEL, Duration.ofSeconds(10));
            assertThat(gw.output()).contains("API keys required on /v1 and /score, /rerank, /v2/rerank, /pooling, "
                    + "/classify, /tokenize, /detokenize: 1 key(s)").doesNotContain("sk-secret-1");
            // health stays open for load balancers and probes
            assertThat(Http.get(gw.baseUrl() + "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondAKeysRequestRate() {
        try (RecordingUpstream upstream = new RecordingUpstream();
                GatewayProcess gw = GatewayProcess.builder(dir).property("gateway.upstreams", upstream.baseUrl())
                        .property("gateway.security.keys.small.sha256", ApiKeyStore.sha256Hex("sk-small"))
                        .property("gateway.security.keys.small.requests-per-minute", "3")
                        .property("gateway.security.keys.big.sha256", ApiKeyStore.sha256Hex("sk-big"))
                        .start().awaitReady(Duration.ofSeconds(60))) {
            for (int i = 0; i < 3; i++) {
                assertThat(complete(gw, "sk-small").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = complete(gw, "sk-small");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isPositive();
            assertThat(Http.error(limited).getString("code")).isEqualTo("rate_limit_exceeded");
            // another key is not affected
            assertThat(complete(gw, "sk-big").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldWarnLoudlyWhenOpenOnAPublicAddress() {
        try (RecordingUpstream upstream = new RecordingUpstream();
                GatewayProcess gw = GatewayProcess.builder(dir).property("gateway.upstreams", upstream.baseUrl())
                        .property("quarkus.http.host", "0.0.0.0").start().awaitReady(Duration.ofSeconds(60))) {
            assertThat(gw.output()).contains("!!! NO API KEYS");
        }
    }

    @Test
    void shouldApplyAChangedKeysFileWithoutARestartAndKeepTheKeysInForceWhenTheFileCannotBeUsed() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.txt"), "alice " + ApiKeyStore.sha256Hex("sk-alice") + "\n");
        try (RecordingUpstream upstream = new RecordingUpstream();
                GatewayProcess gw = GatewayProcess.builder(dir.resolve("gw")).property("gateway.upstreams",
                        upstream.baseUrl()).property("gateway.security.keys-file", keys.toString())
                        .property("gateway.security.keys-file-check-interval", "200ms")
                        .start().awaitReady(Duration.ofSeconds(60))) {
            assertThat(complete(gw, "sk-alice").statusCode()).isEqualTo(200);
            assertThat(complete(gw, "sk-bob").statusCode()).isEqualTo(401);
            // When bob replaces alice (a new file moved into place, as a Secret update swaps it)
            replace(keys, "# rotated\nbob " + ApiKeyStore.sha256Hex("sk-bob") + "\n");
            // Then bob is let in and alice is not, and one log line says what changed
            await().atMost(Duration.ofSeconds(30)).until(() -> complete(gw, "sk-bob").statusCode() == 200);
            assertThat(complete(gw, "sk-alice").statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.output().contains("API keys reloaded from"));
            assertThat(gw.output()).contains("1 key(s) in force (added bob, removed alice, changed none)");
            // When the file gets a broken line, and then loses every key
            replace(keys, "bob " + ApiKeyStore.sha256Hex("sk-bob") + "\ncarol not-a-hash\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.output().contains("line 2: API key 'carol'"));
            replace(keys, "# nobody\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.output().contains("open the endpoints"));
            // Then bob's key still works and no key is still refused, with no stack trace logged
            assertThat(complete(gw, "sk-bob").statusCode()).isEqualTo(200);
            assertThat(complete(gw, null).statusCode()).isEqualTo(401);
            assertThat(gw.output()).doesNotContain("\tat ");
        }
    }

    @Test
    void shouldSendTheEngineKeyToEnginesStartedWithApiKeyInsteadOfTheClientsKey() {
        // Given engines started with vLLM's --api-key behind a gateway with keys of its own and the engine key
        try (GatewayProcess gw = engineWantingKey().property("gateway.security.keys.team.sha256", ApiKeyStore.sha256Hex("sk-client"))
                .property("gateway.security.engine-key", "sk-engine")
                .start().awaitReady(Duration.ofSeconds(60))) {
            // Then the engine became ready (its model list, behind its key, was read) and serves the client
            HttpRequest.Builder chat = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer sk-client")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3}"));
            HttpResponse<String> answer = Http.send(chat.build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            HttpResponse<String> models = Http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/models"))
                    .header("Authorization", "Bearer sk-client").timeout(Duration.ofSeconds(10)).build());
            assertThat(models.body()).contains("\"id\":\"m\"");
        }
    }

    @Test
    void shouldSayOnceWhichKeyIsMissingWhenAnEngineWantsOneTheGatewayDoesNotSend() {
        // Given an engine started with --api-key and no engine key for it
        try (GatewayProcess gw = engineWantingKey().start().awaitUp(Duration.ofSeconds(60))) {
            // Then the log says what to set, once, while the engine stays out of rotation
            await().atMost(Duration.ofSeconds(30)).until(() -> gw.output().contains("gateway.security.engine-key"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> gw.output().split("requires an API key", -1).length == 2);
            assertThat(gw.output()).doesNotContain("\tat ");
            assertThat(Http.get(gw.baseUrl() + "/health").statusCode()).isEqualTo(503);
        }
    }

    /** A gateway with one simulated engine started with vLLM's {@code --api-key sk-engine}. */
    private GatewayProcess.Builder engineWantingKey() {
        return GatewayProcess.builder(dir.resolve("gw")).property("gateway.embedded.enabled", "false")
                .property("gateway.pools.p.launcher", "sim").property("gateway.pools.p.model", "m")
                .property("gateway.pools.p.npus-per-replica", "0")
                .property("gateway.pools.p.args", "--sim-workers,0,--sim-zero-delay,--api-key,sk-engine");
    }

    private static void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
