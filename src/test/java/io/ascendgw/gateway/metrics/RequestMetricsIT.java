package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Scrape;

/**
 * The gateway's request meters moving for real requests through a real gateway with two simulated engines: counts
 * by status class, time to first token and inter-token histograms, stream tokens counted while the client sees no
 * usage chunk, retries, and 499 cancellations. Assertions use deltas, so the tests do not depend on each other.
 */
class RequestMetricsIT {

    private static final String MODEL = "qwen2.5-3b-instruct";

    @TempDir
    static Path workDir;

    private static GatewayProcess gateway;
    private static GatewayHttp http;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayProcess.builder(workDir.resolve("gw")).property("gateway.npu.smi-path", FakeNpuSmi.path())
                .start().awaitReady(Duration.ofSeconds(90));
        http = new GatewayHttp(gateway.baseUrl());
        // the retry test needs both engines: /health is 200 as soon as one is ready
        http.awaitEnginesReady(2, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldCountRequestsByStatusClassWhenSomeSucceedAndSomeFail() {
        // Given
        Scrape before = http.metrics();

        // When three good requests, one for an unknown model and one with a broken body
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/v1/chat/completions", chat(false, 4, null)).statusCode()).isEqualTo(200);
        }
        assertThat(http.post("/v1/chat/completions", "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").statusCode()).isEqualTo(404);
        assertThat(http.post("/v1/completions", "{not json").statusCode()).isEqualTo(400);

        // Then
        Scrape after = http.metrics();
        assertThat(delta(before, after, "gateway_requests_total", "model", MODEL, "endpoint", "chat", "stream",
                "false", "status_class", "2xx", "outcome", "ok")).isEqualTo(3);
        assertThat(delta(before, after, "gateway_requests_total", "model", "unknown", "status_class", "4xx",
                "endpoint", "chat")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_requests_total", "model", "unknown", "status_class", "4xx",
                "endpoint", "completions")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_request_duration_seconds_count", "model", MODEL, "stream", "false"))
                .isEqualTo(3);
        assertThat(after.sampleNames()).noneMatch(name -> name.contains("no-such-model"));
    }

    @Test
    void shouldCountStreamTokensWhenTheClientDidNotAskForUsage() {
        // Given the same stream asked once with usage and once without
        Scrape before = http.metrics();
        HttpResponse<String> withUsage = http.post("/v1/chat/completions", chat(true, 6, true));
        HttpResponse<String> withoutUsage = http.post("/v1/chat/completions", chat(true, 6, null));

        // Then the client that asked got the usage chunk, the other did not
        List<String> asked = GatewayHttp.events(withUsage.body());
        List<String> notAsked = GatewayHttp.events(withoutUsage.body());
        JsonNode usage = GatewayHttp.json(asked.get(asked.size() - 2)).get("usage");
        assertThat(usage).isNotNull();
        assertThat(notAsked).noneMatch(event -> event.contains("\"usage\":{"));
        assertThat(notAsked).last().isEqualTo("[DONE]");

        // and the gateway counted the tokens of both
        Scrape after = http.metrics();
        assertThat(delta(before, after, "gateway_prompt_tokens_total", "model", MODEL))
                .isEqualTo(2 * usage.get("prompt_tokens").asDouble());
        assertThat(delta(before, after, "gateway_completion_tokens_total", "model", MODEL))
                .isEqualTo(2 * usage.get("completion_tokens").asDouble()).isEqualTo(12);
        // one time to first token per stream, one inter-token gap per content event after the first
        int contentEvents = (asked.size() - 2) + (notAsked.size() - 1);
        assertThat(delta(before, after, "gateway_time_to_first_token_seconds_count", "model", MODEL)).isEqualTo(2);
        assertThat(delta(before, after, "gateway_inter_token_latency_seconds_count", "model", MODEL))
                .isEqualTo(contentEvents - 2);
        assertThat(delta(before, after, "gateway_requests_total", "stream", "true", "status_class", "2xx"))
                .isEqualTo(2);
    }

    @Test
    void shouldCountACancellationWhenTheClientGoesAwayMidStream() {
        // Given
        Scrape before = http.metrics();

        // When a client starts a long stream and hangs up after the first event
        http.startStreamAndHangUp("/v1/chat/completions", chat(true, 2000, null));

        // Then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delta(before, http.metrics(),
                "gateway_requests_total", "model", MODEL, "stream", "true", "status_class", "4xx", "outcome",
                "cancelled")).isEqualTo(1));
    }

    @Test
    void shouldCountRetriesOnTheFailingEngineWhenItAnswers500() {
        // Given engine embedded-0 answering every generation request with 500
        String engineUrl = http.engine("embedded-0").path("url").asText();
        Scrape before = http.metrics();
        long triedBefore = simState(engineUrl).path("engine").path("generationRequests").asLong();
        http.post(engineUrl + "/sim/faults", "{\"failRate\":1.0}");
        try {
            // When
            for (int i = 0; i < 12; i++) {
                assertThat(http.post("/v1/chat/completions", chat(false, 2, null)).statusCode()).isEqualTo(200);
            }

            // Then every attempt that reached embedded-0 was retried elsewhere, and counted once
            long tried = simState(engineUrl).path("engine").path("generationRequests").asLong() - triedBefore;
            Scrape after = http.metrics();
            assertThat(tried).isPositive();
            assertThat(delta(before, after, "gateway_retries_total", "engine", "embedded-0", "reason", "engine_5xx",
                    "model", MODEL)).isEqualTo(tried);
            assertThat(delta(before, after, "gateway_retries_total", "engine", "embedded-1")).isZero();
            assertThat(delta(before, after, "gateway_requests_total", "stream", "false", "outcome", "ok"))
                    .isEqualTo(12);
        } finally {
            http.post(engineUrl + "/sim/faults", "{\"clear\":true}");
        }
    }

    private static JsonNode simState(String engineUrl) {
        return GatewayHttp.json(http.get(engineUrl + "/sim/state").body());
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static String chat(boolean stream, int maxTokens, Boolean includeUsage) {
        String options = includeUsage == null ? "" : ",\"stream_options\":{\"include_usage\":" + includeUsage + "}";
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about NPUs\"}],"
                + "\"max_tokens\":" + maxTokens + ",\"seed\":7,\"stream\":" + stream + options + "}";
    }
}
