package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class LoadGeneratorHttpTest {

    private static final Duration FIRST_CHUNK = Duration.ofMillis(40);
    private static final Duration INTER_CHUNK = Duration.ofMillis(5);

    private static LoadGenerator generator;

    @BeforeAll
    static void startGenerator() {
        generator = LoadGenerator.create();
    }

    @AfterAll
    static void stopGenerator() {
        generator.close();
    }

    private static LoadSpec.Builder spec(FakeOpenAiServer server) {
        return LoadSpec.builder().baseUrl(server.baseUrl()).model(FakeOpenAiServer.MODEL).concurrency(4)
                .numRequests(12).outputLen(5).workload(new Workload.RandomPrompts(64));
    }

    @Test
    void shouldCountRequestsTokensChunksAndLatenciesWhenServerStreamsNormally() {
        // Given a server that streams 5 chunks per request, the first after 40 ms
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(FIRST_CHUNK, INTER_CHUNK))) {
            // When 12 chat requests run at concurrency 4
            BenchResult result = generator.run(spec(server).build());

            // Then every request, token and content chunk is counted, from usage and from the stream
            assertThat(result.completed()).isEqualTo(12);
            assertThat(result.failed()).isZero();
            assertThat(result.errors()).isEmpty();
            assertThat(result.outputTokens()).isEqualTo(12 * 5);
            assertThat(result.inputTokens()).isEqualTo(12 * 10);
            assertThat(result.contentChunks()).isEqualTo(12 * 5);
            assertThat(result.requestsWithoutUsage()).isZero();
            // And the role-only chunk does not end TTFT early: it is never below the server's first-chunk delay
            assertThat(result.ttft().count()).isEqualTo(12);
            assertThat(result.ttft().minMs()).isGreaterThanOrEqualTo(FIRST_CHUNK.toMillis());
            assertThat(result.itl().count()).isEqualTo(12 * 4);
            assertThat(result.tpot().count()).isEqualTo(12);
            assertThat(result.e2e().count()).isEqualTo(12);
            assertThat(result.e2e().minMs()).isGreaterThanOrEqualTo(result.ttft().minMs());
            assertThat(result.durationSeconds()).isPositive();
            assertThat(result.requestThroughput()).isCloseTo(12 / result.durationSeconds(), within(1e-9));
            // And the server got what vLLM's benchmark sends
            JsonObject body = server.bodies().get(0);
            assertThat(body.getString("model")).isEqualTo(FakeOpenAiServer.MODEL);
            assertThat(body.getInteger("max_tokens")).isEqualTo(5);
            assertThat(body.getBoolean("ignore_eos")).isTrue();
            assertThat(body.getBoolean("stream")).isTrue();
            assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        }
    }

    @Test
    void shouldCountOnlySuccessesInLatenciesWhenServerReturns500ForSomeRequests() {
        // Given a server that fails every other request with HTTP 500
        FakeOpenAiServer.Behavior behavior = FakeOpenAiServer.Behavior.ok(Duration.ZERO, Duration.ZERO)
                .withModes(n -> n % 2 == 0 ? FakeOpenAiServer.Mode.HTTP_500 : FakeOpenAiServer.Mode.OK);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(behavior)) {
            // When
            BenchResult result = generator.run(spec(server).build());

            // Then failures are counted by status and kept out of latencies and tokens
            assertThat(result.completed()).isEqualTo(6);
            assertThat(result.failed()).isEqualTo(6);
            assertThat(result.errors()).containsExactly(Map.entry("http_500", 6L));
            assertThat(result.errorSamples().get("http_500")).contains("boom");
            assertThat(result.e2e().count()).isEqualTo(6);
            assertThat(result.ttft().count()).isEqualTo(6);
            assertThat(result.outputTokens()).isEqualTo(6 * 5);
        }
    }

    @Test
    void shouldCountTruncatedStreamsWhenServerClosesMidStreamOrOmitsDone() {
        // Given a server that closes the connection mid-stream on even requests and ends without [DONE] on odd ones
        FakeOpenAiServer.Behavior behavior = FakeOpenAiServer.Behavior.ok(Duration.ZERO, Duration.ofMillis(1))
                .withModes(n -> n % 2 == 0 ? FakeOpenAiServer.Mode.CLOSE_MID_STREAM : FakeOpenAiServer.Mode.NO_DONE);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(behavior)) {
            // When
            BenchResult result = generator.run(spec(server).build());

            // Then all are truncated, none succeeded, and no ITL of failed requests leaks into the stats
            assertThat(result.errors()).containsExactly(Map.entry("truncated", 12L));
            assertThat(result.completed()).isZero();
            assertThat(result.itl().count()).isZero();
            assertThat(result.e2e().count()).isZero();
            assertThat(result.e2e().meanMs()).isNaN();
        }
    }

    @Test
    void shouldCountStreamErrorWhenServerSendsInBandErrorEvent() {
        // Given a server that sends one chunk, then data: {"error": …} and [DONE] with HTTP 200
        FakeOpenAiServer.Behavior behavior = FakeOpenAiServer.Behavior.ok(Duration.ZERO, Duration.ZERO)
                .withModes(n -> FakeOpenAiServer.Mode.IN_BAND_ERROR);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(behavior)) {
            // When
            BenchResult result = generator.run(spec(server).build());

            // Then
            assertThat(result.errors()).containsExactly(Map.entry("stream_error", 12L));
            assertThat(result.errorSamples().get("stream_error")).contains("engine failed");
        }
    }

    @Test
    void shouldCountTimeoutsWhenServerNeverAnswers() {
        // Given a server that accepts requests and never answers, and a 300 ms request timeout
        FakeOpenAiServer.Behavior behavior = FakeOpenAiServer.Behavior.ok(Duration.ZERO, Duration.ZERO)
                .withModes(n -> FakeOpenAiServer.Mode.HANG);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(behavior)) {
            // When
            BenchResult result = generator.run(spec(server).numRequests(4)
                    .requestTimeout(Duration.ofMillis(300)).build());

            // Then
            assertThat(result.errors()).containsExactly(Map.entry("timeout", 4L));
        }
    }

    @Test
    void shouldCountConnectionErrorsWhenNothingListens() throws IOException {
        // Given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // When
        BenchResult result = generator.run(LoadSpec.builder().baseUrl("http://127.0.0.1:" + port)
                .model("m").numRequests(3).concurrency(1).build());

        // Then
        assertThat(result.errors()).containsExactly(Map.entry("connection", 3L));
        assertThat(result.completed()).isZero();
    }

    @Test
    void shouldUseFirstListedModelWhenNoModelGiven() {
        // Given
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ZERO,
                Duration.ZERO))) {
            // When the spec names no model
            BenchResult result = generator.run(spec(server).model(null).numRequests(2).build());

            // Then the model comes from GET /v1/models and is sent in the requests
            assertThat(result.model()).isEqualTo(FakeOpenAiServer.MODEL);
            assertThat(server.bodies())
                    .allSatisfy(b -> assertThat(b.getString("model")).isEqualTo(FakeOpenAiServer.MODEL));
        }
    }

    @Test
    void shouldSendEachRequestTheModelDrawnFromTheMixWhenAMixIsGiven() {
        // Given
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ZERO,
                Duration.ZERO))) {
            ModelMix mix = ModelMix.parse("base=1,a0=1,a1=1");
            LoadSpec spec = spec(server).model(null).modelMix(mix).numRequests(30).seed(3).build();

            // When
            BenchResult result = generator.run(spec);

            // Then every request carries the model its plan drew, and the result names the mix
            WorkloadGenerator plans = WorkloadGenerator.forSpec(spec);
            assertThat(result.completed()).isEqualTo(30);
            assertThat(result.model()).isEqualTo("base=1,a0=1,a1=1");
            assertThat(server.bodies().stream().map(b -> b.getString("model")).sorted().toList())
                    .isEqualTo(IntStream.range(0, 30)
                            .mapToObj(i -> plans.plan(i).model().orElseThrow()).sorted().toList())
                    .contains("base", "a0", "a1");
        }
    }

    @Test
    void shouldSendTheRecordedRequestsWhenADatasetIsReplayed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Given three recorded chats, the last one with its answer and a sampling field
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("chats.jsonl"), String.join("\n",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"first\"}], \"max_tokens\": 3}",
                "{\"prompt\": \"second\", \"output_tokens\": 4}",
                "{\"custom_id\": \"c\", \"body\": {\"messages\": [{\"role\": \"system\", \"content\": \"s\"}, "
                        + "{\"role\": \"user\", \"content\": \"third\"}], \"max_tokens\": 5, \"temperature\": 0}}"));
        Workload replay = new Workload.Replay(io.ascendgw.gateway.bench.dataset.DatasetReader.read(file, true), true);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ZERO,
                Duration.ZERO))) {
            // When six requests replay them
            BenchResult result = generator.run(spec(server).workload(replay).numRequests(6).build());

            // Then each recorded request went twice, with its messages, its length and its own field
            assertThat(result.completed()).isEqualTo(6);
            Map<String, List<JsonObject>> byUserText = server.bodies().stream().collect(
                    java.util.stream.Collectors.groupingBy(b -> lastContent(b)));
            assertThat(byUserText).containsOnlyKeys("first", "second", "third");
            assertThat(byUserText.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(2));
            assertThat(byUserText.get("first")).allSatisfy(b -> assertThat(b.getInteger("max_tokens")).isEqualTo(3));
            assertThat(byUserText.get("second")).allSatisfy(b -> assertThat(b.getInteger("max_tokens")).isEqualTo(4));
            assertThat(byUserText.get("third")).allSatisfy(b -> {
                assertThat(b.getInteger("max_tokens")).isEqualTo(5);
                assertThat(b.getInteger("temperature")).isZero();
                assertThat(b.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
            });
            assertThat(byUserText.get("first")).allSatisfy(b -> assertThat(b.containsKey("temperature")).isFalse());
        }
    }

    private static String lastContent(JsonObject body) {
        io.vertx.core.json.JsonArray messages = body.getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1).getString("content");
    }

    @Test
    void shouldReportTheRequestsThatMetTheGoodputObjectivesWhenGiven() {
        // Given a server whose first chunk comes after 40 ms, then one every 5 ms
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(FIRST_CHUNK, INTER_CHUNK))) {
            // When the same run is measured against objectives every request meets, and against a TTFT none meets
            BenchResult met = generator.run(spec(server).goodput(GoodputSlo.parse(List.of("ttft:5000", "tpot:1000")))
                    .build());
            BenchResult missed = generator.run(spec(server).goodput(GoodputSlo.parse(List.of("ttft:20"))).build());
            BenchResult none = generator.run(spec(server).build());

            // Then the goodput is the throughput in the first case, zero in the second, and absent without objectives
            assertThat(met.completed()).isEqualTo(12);
            assertThat(met.requestGoodput()).isCloseTo(met.requestThroughput(), within(1e-9));
            assertThat(missed.completed()).isEqualTo(12);
            assertThat(missed.requestGoodput()).isZero();
            assertThat(none.requestGoodput()).isNaN();
            // And the table and the JSON carry it under vLLM's names
            assertThat(ResultTable.format(met)).containsPattern("Request goodput \\(req/s\\):\\s+\\d");
            assertThat(ResultTable.format(none)).doesNotContain("goodput");
            JsonObject json = new JsonObject(met.toJson());
            assertThat(json.getDouble("request_goodput")).isCloseTo(met.requestThroughput(), within(1e-9));
            assertThat(json.getString("goodput")).isEqualTo("ttft:5000 tpot:1000");
            assertThat(new JsonObject(none.toJson()).getValue("request_goodput")).isNull();
        }
    }

    @Test
    void shouldFailTheRunWhenModelCannotBeResolved() throws IOException {
        // Given no server and no model
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LoadSpec spec = LoadSpec.builder().baseUrl("http://127.0.0.1:" + port).numRequests(1).build();

        // When / Then
        assertThatThrownBy(() -> generator.run(spec)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--model");
    }

    @Test
    void shouldTakeTokenCountsFromUsageWhenNotStreaming() {
        // Given
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofMillis(5),
                Duration.ZERO))) {
            // When completions run without streaming
            BenchResult result = generator.run(spec(server).endpoint(Endpoint.COMPLETIONS).stream(false).build());

            // Then tokens come from the body's usage, and no stream-only latency is invented
            assertThat(result.completed()).isEqualTo(12);
            assertThat(result.outputTokens()).isEqualTo(12 * 5);
            assertThat(result.inputTokens()).isEqualTo(12 * 10);
            assertThat(result.ttft().count()).isZero();
            assertThat(result.itl().count()).isZero();
            assertThat(result.e2e().count()).isEqualTo(12);
            assertThat(server.bodies().get(0).containsKey("prompt")).isTrue();
            assertThat(server.bodies().get(0).containsKey("stream_options")).isFalse();
        }
    }

    @Test
    void shouldExcludeWarmupRequestsFromResults() {
        // Given
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ZERO,
                Duration.ZERO))) {
            // When 5 warm-up requests precede 12 measured ones
            BenchResult result = generator.run(spec(server).warmupRequests(5).build());

            // Then the server saw 17 and the result counts 12
            assertThat(server.received()).isEqualTo(17);
            assertThat(result.completed()).isEqualTo(12);
            assertThat(result.e2e().count()).isEqualTo(12);
        }
    }

    @Test
    void shouldKeepSendingOnScheduleOverMoreThanOnePoolWhenResponsesAreSlow() {
        // Given a server whose responses take 1 s
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofSeconds(1),
                Duration.ZERO))) {
            // When 300 requests are sent open loop at 3,000 req/s (expected spread ~0.1 s)
            BenchResult result = generator.run(spec(server).requestRate(3000).numRequests(300).outputLen(1).build());

            // Then sends did not wait for responses, and the connections spread over more than one pool
            assertThat(result.completed()).isEqualTo(300);
            assertThat(server.peakInFlight()).isGreaterThan(ClientShards.SHARD_SIZE);
        }
    }

    @Test
    void shouldStopSendingAfterTimeBudget() {
        // Given
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ZERO,
                Duration.ZERO))) {
            // When the run is limited by time at concurrency 2
            BenchResult result = generator.run(spec(server).duration(Duration.ofMillis(300)).concurrency(2).build());

            // Then it sent some requests, all finished, and every one the server got is accounted for
            assertThat(result.completed()).isPositive();
            assertThat(result.total()).isEqualTo(server.received());
            assertThat(result.durationSeconds()).isGreaterThanOrEqualTo(0.3);
        }
    }

    @Test
    void shouldRunTwoSpecsSideBySideWhenStartedTogether() {
        // Given two servers standing for two configurations (e.g. direct and through the gateway)
        try (FakeOpenAiServer direct = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofMillis(5),
                Duration.ofMillis(1)));
                FakeOpenAiServer gateway = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofMillis(5),
                        Duration.ofMillis(1)))) {
            // When both runs start at once in one process
            var first = generator.start(spec(direct).label("direct").numRequests(20).build(), ProgressListener.NONE);
            var second = generator.start(spec(gateway).label("gateway").numRequests(30).build(),
                    ProgressListener.NONE);
            BenchResult a = first.toCompletableFuture().join();
            BenchResult b = second.toCompletableFuture().join();

            // Then each result holds only its own run, so ratios between them are meaningful
            assertThat(a.spec().label()).isEqualTo("direct");
            assertThat(a.completed()).isEqualTo(20);
            assertThat(direct.received()).isEqualTo(20);
            assertThat(b.spec().label()).isEqualTo("gateway");
            assertThat(b.completed()).isEqualTo(30);
            assertThat(gateway.received()).isEqualTo(30);
            assertThat(b.outputTokens() / (double) a.outputTokens()).isEqualTo(1.5);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }
}
