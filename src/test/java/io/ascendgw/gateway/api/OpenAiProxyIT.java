package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.contract.OpenApiSchemas;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.RawHttp;
import io.ascendgw.gateway.testing.RecordingUpstream;
import io.ascendgw.gateway.testing.Sse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The OpenAI surface of the packaged gateway, against real simulator processes and a recording upstream: shapes,
 * streaming, pass-through, request ids, and every error path.
 */
class OpenAiProxyIT {

    private static final String MODEL = "qwen-test";

    @TempDir
    static Path dir;

    /** The smallest completion request for the recording engine. */
    private static final String TO_RECORDER = "{\"model\":\"" + RecordingUpstream.MODEL + "\",\"prompt\":\"x\"}";

    static RecordingUpstream recorder;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        recorder = new RecordingUpstream();
        gateway = GatewayProcess.builder(dir)
                .property("gateway.upstreams", recorder.baseUrl())
                .property("gateway.proxy.max-body-size", "64K")
                .property("gateway.proxy.max-retries", "1")
                // Short enough for the held-open stream below to time out during the test
                .property("gateway.proxy.idle-timeout", "3s")
                .simPool("p", "Qwen/Qwen2.5-3B", "--sim-decode-base-ms", "15", "--sim-decode-per-seq-ms", "0")
                .property("gateway.pools.p.served-model-name", MODEL).property("gateway.pools.p.replicas", "2")
                .simPool("failing", "failing", "--sim-fail-rate", "1", "--sim-zero-delay")
                .simPool("aborting", "aborting", "--sim-abort-stream-after-tokens", "3")
                .simPool("slow", "slow", "--sim-startup-delay", "600")
                .start();
        gateway.awaitReady(Duration.ofSeconds(60));
        // every pool but the slow one must be serving before the tests run
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> modelIds().containsAll(
                List.of(MODEL, "failing", "aborting", RecordingUpstream.MODEL)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    private static List<String> modelIds() {
        JsonArray data = new JsonObject(Http.get(gateway.baseUrl() + "/v1/models").body()).getJsonArray("data");
        return data.stream().map(m -> ((JsonObject) m).getString("id")).toList();
    }

    private static String url(String path) {
        return gateway.baseUrl() + path;
    }

    /** POSTs {@code json} with {@code requestId} and any further headers (name, value, …). */
    private static HttpResponse<String> postWithId(String path, String requestId, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30))
                .build());
    }

    @Test
    void shouldListTheReadyEnginesModelsInVllmsShape() {
        JsonObject list = new JsonObject(Http.get(url("/v1/models")).body());
        assertThat(list.getString("object")).isEqualTo("list");
        assertThat(modelIds()).containsExactlyInAnyOrder(MODEL, "failing", "aborting", RecordingUpstream.MODEL);
        JsonObject card = list.getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("id").equals(MODEL)).findFirst().orElseThrow();
        assertThat(card.getString("object")).isEqualTo("model");
        assertThat(card.getString("root")).isEqualTo("Qwen/Qwen2.5-3B");
        assertThat(card.getInteger("max_model_len")).isPositive();
    }

    @Test
    void shouldGiveTheSameTextStreamedAndNotForChat() {
        // Given the same chat request, once plain and once streamed with usage
        String request = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Name a color\"}],"
                + "\"max_tokens\":12,\"seed\":7";
        HttpResponse<String> plain = Http.postJson(url("/v1/chat/completions"), request + "}");
        HttpResponse<String> streamed = Http.postJson(url("/v1/chat/completions"),
                request + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        // Then both succeed, carry vLLM's shapes, and say the same
        assertThat(plain.statusCode()).isEqualTo(200);
        JsonObject completion = new JsonObject(plain.body());
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getString("id")).startsWith("chatcmpl-");
        String text = completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> payloads = Sse.payloads(streamed.body());
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        List<JsonObject> chunks = payloads.subList(0, payloads.size() - 1).stream().map(JsonObject::new).toList();
        assertThat(chunks).allSatisfy(c -> assertThat(c.getString("object")).isEqualTo("chat.completion.chunk"));
        String streamedText = chunks.stream().flatMap(c -> c.getJsonArray("choices").stream())
                .map(c -> ((JsonObject) c).getJsonObject("delta").getString("content", ""))
                .collect(Collectors.joining());
        assertThat(streamedText).isEqualTo(text);
        JsonObject usage = chunks.get(chunks.size() - 1).getJsonObject("usage");
        assertThat(chunks.get(chunks.size() - 1).getJsonArray("choices")).isEmpty();
        assertThat(usage.getInteger("completion_tokens")).isEqualTo(
                completion.getJsonObject("usage").getInteger("completion_tokens"));
    }

    @Test
    void shouldRelayToolCallsAndStructuredOutputsWholeAndStreamedWithinTheContract() {
        // Given a chat that names a tool, and one whose response_format is a JSON schema
        String tool = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}";
        String structured = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"A city\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"c\",\"schema\":"
                + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}}";

        // When each is relayed whole and streamed
        HttpResponse<String> toolWhole = Http.postJson(url("/v1/chat/completions"), tool + "}");
        HttpResponse<String> toolStream = Http.postJson(url("/v1/chat/completions"), tool + ",\"stream\":true}");
        HttpResponse<String> jsonWhole = Http.postJson(url("/v1/chat/completions"), structured + "}");
        HttpResponse<String> jsonStream = Http.postJson(url("/v1/chat/completions"), structured + ",\"stream\":true}");

        // Then all conform to the contract, the call's arguments and the content are JSON, and the streams say the same
        OpenApiSchemas contract = OpenApiSchemas.load();
        for (HttpResponse<String> whole : List.of(toolWhole, jsonWhole)) {
            assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
            contract.requireValidResponse("/v1/chat/completions", "POST", 200, whole.body());
        }
        for (HttpResponse<String> stream : List.of(toolStream, jsonStream)) {
            contract.requireValidResponse("/v1/chat/completions", "POST", 200, "text/event-stream", stream.body());
        }
        JsonObject call = new JsonObject(toolWhole.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getJsonObject("function").getString("name")).isEqualTo("get_weather");
        String arguments = call.getJsonObject("function").getString("arguments");
        assertThat(new JsonObject(arguments).getString("city")).isNotEmpty();
        String streamedArguments = Sse.payloads(toolStream.body()).stream().filter(p -> !p.equals("[DONE]"))
                .map(p -> new JsonObject(p).getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
                .filter(d -> d.containsKey("tool_calls"))
                .map(d -> d.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function")
                        .getString("arguments", ""))
                .collect(Collectors.joining());
        assertThat(streamedArguments).isEqualTo(arguments);
        String content = new JsonObject(jsonWhole.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content");
        assertThat(new JsonObject(content).getString("name")).isNotEmpty();
    }

    @Test
    void shouldServeCompletionsWithLengthLimitAndNoUsageChunkUnlessAsked() {
        String request = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Once upon a time\",\"max_tokens\":5,"
                + "\"ignore_eos\":true";
        JsonObject completion = new JsonObject(Http.postJson(url("/v1/completions"), request + "}").body());
        assertThat(completion.getString("object")).isEqualTo("text_completion");
        assertThat(completion.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(5);
        assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("length");
        List<String> payloads = Sse.payloads(Http.postJson(url("/v1/completions"), request + ",\"stream\":true}").body());
        assertThat(payloads).last().isEqualTo("[DONE]");
        assertThat(payloads.subList(0, payloads.size() - 1)).allSatisfy(p -> assertThat(p).contains("\"usage\":null"));
    }

    @Test
    void shouldRelayBodiesByteForByteWithUnknownFields() {
        // Given a body with vLLM extras and unusual spacing, which re-serialising would change
        String body = "{ \"model\" : \"" + RecordingUpstream.MODEL + "\", \"prompt\":\"x\", \"top_k\": 5, "
                + "\"guided_json\":{\"type\":\"object\"}, \"repetition_penalty\":1.10 }";
        HttpResponse<String> response = Http.postJson(url("/v1/completions"), body);
        // Then the engine got exactly those bytes and the client exactly the engine's
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(recorder.answer().toString(StandardCharsets.UTF_8));
        RecordingUpstream.Received received = recorder.received().get(recorder.received().size() - 1);
        assertThat(received.body().toString(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(received.path()).isEqualTo("/v1/completions");
    }

    @Test
    void shouldRelayAnEngineAnswerThatArrivesInPiecesWhole() {
        // Given an engine whose answer comes in four writes 20 ms apart, cut inside multi-byte characters
        HttpResponse<String> response = postWithId("/v1/completions", "pieces-1", TO_RECORDER,
                RecordingUpstream.PIECES_HEADER, "4");

        // Then the client gets exactly the engine's bytes, and the access log the usage at their end
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(recorder.answer().toString(StandardCharsets.UTF_8));
        gateway.awaitLog("id=pieces-1 .* status=200 outcome=ok .* prompt_tokens=3 completion_tokens=2",
                Duration.ofSeconds(10));
    }

    @Test
    void shouldAnswer502WhenTheEngineDropsTheConnectionMidAnswer() {
        // Given an engine that sends half its answer and closes the connection
        HttpResponse<String> response = postWithId("/v1/completions", "cut-1", TO_RECORDER,
                RecordingUpstream.CUT_HEADER, "1");

        // Then the client gets an OpenAI error, not half a body, and the engine serves the next request
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Http.error(response).getString("code")).isEqualTo("upstream_unavailable");
        assertThat(Http.postJson(url("/v1/completions"), TO_RECORDER).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNotForwardHopByHopHeadersButKeepEndToEndOnes() {
        int before = recorder.received().size();
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.post("/v1/completions", Map.of("Content-Type", "application/json", "Connection", "keep-alive, X-Private",
                    "X-Private", "secret", "Keep-Alive", "timeout=5", "TE", "trailers", "X-Custom", "kept",
                    "X-Request-Id", "hop-test-1"), TO_RECORDER);
            assertThat(http.status()).isEqualTo(200);
            http.body();
        }
        RecordingUpstream.Received received = recorder.received().get(before);
        assertThat(received.headers().names()).map(String::toLowerCase)
                .doesNotContain("x-private", "keep-alive", "te", "upgrade", "http2-settings");
        assertThat(received.headers().get("X-Custom")).isEqualTo("kept");
        assertThat(received.headers().get("X-Request-Id")).isEqualTo("hop-test-1");
    }

    @Test
    void shouldAcceptOrGenerateTheRequestId() {
        HttpResponse<String> given = postWithId("/v1/chat/completions", "client-id-42", "{\"model\":\"" + MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}");
        assertThat(given.headers().firstValue("X-Request-Id")).contains("client-id-42");
        assertThat(new JsonObject(given.body()).getString("id")).isEqualTo("chatcmpl-client-id-42");
        HttpResponse<String> generated = Http.postJson(url("/v1/completions"),
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"max_tokens\":2}");
        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(new JsonObject(generated.body()).getString("id")).isEqualTo("cmpl-" + id);
        gateway.awaitLog("request id=client-id-42 ", Duration.ofSeconds(10));
    }

    @Test
    void shouldAnswerClientMistakesWithOpenAiErrors() {
        HttpResponse<String> malformed = Http.postJson(url("/v1/chat/completions"), "{\"model\": \"x\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Http.error(malformed).getString("type")).isEqualTo("invalid_request_error");

        HttpResponse<String> missing = Http.postJson(url("/v1/chat/completions"), "{\"model\":\"" + MODEL + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.error(missing).getString("param")).isEqualTo("messages");

        HttpResponse<String> unknown = Http.postJson(url("/v1/completions"), "{\"model\":\"gpt-9\",\"prompt\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknown).getString("code")).isEqualTo("model_not_found");

        HttpResponse<String> tooLarge = Http.postJson(url("/v1/completions"),
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Http.error(tooLarge).getString("code")).isEqualTo("request_too_large");
        assertThat(Http.error(tooLarge).getString("message")).contains("gateway.proxy.max-body-size");

        HttpResponse<String> wrongType = Http.send(HttpRequest.newBuilder(URI.create(url("/v1/completions")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        Http.error(wrongType);

        HttpResponse<String> compressed = Http.send(HttpRequest.newBuilder(URI.create(url("/v1/completions")))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("{\"model\":\"" + MODEL + "\",\"prompt\":\"x\"}")))
                .build());
        assertThat(compressed.statusCode()).isEqualTo(415);
        assertThat(Http.error(compressed).getString("code")).isEqualTo("unsupported_content_encoding");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldAnswerAWrongMethodOrPathWithOpenAiErrorsAndHeadLikeGet() {
        // When an endpoint is called with the wrong method, a path the gateway does not serve is called, and the
        // GET endpoints are asked with HEAD (curl -I, load-balancer probes)
        HttpResponse<String> wrongMethod = Http.get(url("/v1/chat/completions"));
        HttpResponse<String> unknownPath = Http.postJson(url("/v1/audio/speech"), "{\"input\":\"x\"}");
        HttpResponse<String> head = Http.send(HttpRequest.newBuilder(URI.create(url("/v1/models")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> healthHead = Http.send(HttpRequest.newBuilder(URI.create(url("/health")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        // Then the first two get JSON errors in OpenAI's shape (not an HTML page), 405 naming the allowed method
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(Http.error(wrongMethod).getString("code")).isEqualTo("method_not_allowed");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknownPath).getString("message")).startsWith("Invalid URL (POST /v1/audio/speech)")
                .contains("/v1/chat/completions");
        // And HEAD answers as GET does, without a body
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(head.body()).isEmpty();
        assertThat(healthHead.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRelayVllmsTokenizerEndpointsAndAnswerPingAndVersionLikeVllm() {
        // When a script counts a prompt's tokens, turns them back into text, and checks the server with /ping
        HttpResponse<String> tokenized = Http.postJson(url("/tokenize"), "{\"model\":\"" + MODEL + "\","
                + "\"prompt\":\"Wie viele Tokens hat dieser Satz?\"}");
        JsonObject counted = new JsonObject(tokenized.body());
        HttpResponse<String> detokenized = Http.postJson(url("/detokenize"), "{\"model\":\"" + MODEL + "\","
                + "\"tokens\":" + counted.getJsonArray("tokens") + "}");
        HttpResponse<String> chat = Http.postJson(url("/tokenize"), "{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"model\":\"" + MODEL + "\"}");
        HttpResponse<String> unknownModel = Http.postJson(url("/tokenize"), "{\"model\":\"nope\",\"prompt\":\"x\"}");
        HttpResponse<String> noPrompt = Http.postJson(url("/tokenize"), "{\"model\":\"" + MODEL + "\"}");
        HttpResponse<String> badTokens = Http.postJson(url("/detokenize"), "{\"model\":\"" + MODEL + "\","
                + "\"tokens\":[\"a\"]}");
        HttpResponse<String> ping = Http.get(url("/ping"));
        HttpResponse<String> version = Http.get(url("/version"));
        HttpResponse<String> wrongMethod = Http.get(url("/tokenize"));

        // Then the engine's answers come back as they are, and the gateway's own checks answer in OpenAI's shape
        assertThat(tokenized.statusCode()).isEqualTo(200);
        assertThat(counted.getInteger("count")).isEqualTo(counted.getJsonArray("tokens").size()).isPositive();
        assertThat(counted.getInteger("max_model_len")).isPositive();
        assertThat(detokenized.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(detokenized.body()).getString("prompt")).isEqualTo("Wie viele Tokens hat dieser Satz?");
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(chat.body()).getInteger("count")).isGreaterThan(1);
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknownModel).getString("code")).isEqualTo("model_not_found");
        assertThat(noPrompt.statusCode()).isEqualTo(400);
        assertThat(Http.error(noPrompt).getString("param")).isEqualTo("prompt");
        assertThat(badTokens.statusCode()).isEqualTo(400);
        assertThat(Http.error(badTokens).getString("param")).isEqualTo("tokens");
        assertThat(ping.statusCode()).isEqualTo(200);
        // the engines' vLLM version: four simulated engines say 0.11.0, the recording upstream 0.7.3; most say wins
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isEqualTo("{\"version\":\"0.11.0\"}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void shouldKeepTheEnginesStatusAndMessageInOpenAiShape() {
        // Given a request the engine refuses (max_tokens beyond its context)
        HttpResponse<String> response = Http.postJson(url("/v1/completions"),
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"max_tokens\":100000}");
        // Then the engine's 400 and message reach the client, nested
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.error(response).getString("message")).contains("maximum context length");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheModelsEnginesAreStarting() {
        HttpResponse<String> response = Http.postJson(url("/v1/completions"), "{\"model\":\"slow\",\"prompt\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.error(response).getString("code")).isEqualTo("no_healthy_engine");
    }

    @Test
    void shouldRelayAnEngine500InOpenAiShapeWhenEveryAttemptFails() {
        HttpResponse<String> response = Http.postJson(url("/v1/completions"),
                "{\"model\":\"failing\",\"prompt\":\"x\",\"max_tokens\":3}");
        assertThat(response.statusCode()).isEqualTo(500);
        JsonObject error = Http.error(response);
        assertThat(error.getString("message")).isNotBlank();
        gateway.awaitLog("model=failing .* status=500 outcome=engine_error attempts=2", Duration.ofSeconds(10));
    }

    @Test
    void shouldEndABrokenStreamWithAnErrorEventThenDone() {
        HttpResponse<String> response = Http.postJson(url("/v1/chat/completions"), "{\"model\":\"aborting\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":50,\"ignore_eos\":true,"
                + "\"stream\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> payloads = Sse.payloads(response.body());
        assertThat(payloads).last().isEqualTo("[DONE]");
        JsonObject errorEvent = new JsonObject(payloads.get(payloads.size() - 2));
        assertThat(errorEvent.getJsonObject("error").getString("message")).isNotBlank();
        assertThat(payloads.subList(0, payloads.size() - 2)).allSatisfy(p -> assertThat(p).contains("\"choices\""));
    }

    @Test
    void shouldRelayTheResponsesApiWholeAndAsTypedEventsCountingItsTokens() {
        // Given the same Responses API request, once whole and once streamed
        String request = "{\"model\":\"" + MODEL + "\",\"instructions\":\"Be brief\",\"input\":\"Name a river\","
                + "\"max_output_tokens\":10,\"seed\":3";
        double tokensBefore = tokens("gateway_completion_tokens_total", MODEL);

        // When
        HttpResponse<String> whole = Http.postJson(url("/v1/responses"), request + "}");
        HttpResponse<String> streamed = Http.postJson(url("/v1/responses"), request + ",\"stream\":true}");

        // Then the engine's answer comes back, and its events in SSE frames ending with response.completed
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        JsonObject response = new JsonObject(whole.body());
        assertThat(response.getString("object")).isEqualTo("response");
        String text = response.getJsonArray("output").getJsonObject(0).getJsonArray("content").getJsonObject(0)
                .getString("text");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(streamed.headers().firstValue("X-Request-Id")).isPresent();
        String body = streamed.body();
        assertThat(body).endsWith("\n\n").doesNotContain("[DONE]");
        List<String> events = List.of(body.substring(0, body.length() - 2).split("\n\n"));
        assertThat(events).allSatisfy(e -> assertThat(e).matches("event: [a-z_.]+\ndata: \\{.*\\}"));
        assertThat(events.get(0)).startsWith("event: response.created\n");
        assertThat(events.get(events.size() - 1)).startsWith("event: response.completed\n");
        String deltas = events.stream().filter(e -> e.startsWith("event: response.output_text.delta\n"))
                .map(e -> new JsonObject(e.substring(e.indexOf("data: ") + 6)).getString("delta"))
                .collect(Collectors.joining());
        assertThat(deltas).isEqualTo(text);
        OpenApiSchemas contract = OpenApiSchemas.load();
        contract.requireValidResponse("/v1/responses", "POST", 200, whole.body());
        contract.requireValidResponse("/v1/responses", "POST", 200, "text/event-stream", body);
        // and the gateway counted both answers' tokens, read from their usage
        assertThat(tokens("gateway_completion_tokens_total", MODEL) - tokensBefore).isEqualTo(20);
    }

    @Test
    void shouldEndABrokenResponsesStreamWithATypedErrorEvent() {
        HttpResponse<String> response = Http.postJson(url("/v1/responses"), "{\"model\":\"aborting\",\"input\":\"hi\","
                + "\"max_output_tokens\":50,\"stream\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(body).doesNotContain("[DONE]").doesNotContain("response.completed");
        String last = body.substring(body.lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ").endsWith("\n\n");
        JsonObject error = new JsonObject(last.substring(last.indexOf("data: ") + 6).trim());
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getInteger("code")).isEqualTo(502);
        assertThat(error.getString("message")).startsWith("The engine");
        OpenApiSchemas.load().requireValidResponse("/v1/responses", "POST", 200, "text/event-stream", body);
    }

    /** A gateway counter's value summed over the series of one model. */
    private static double tokens(String name, String model) {
        return Http.get(url("/metrics")).body().lines()
                .filter(l -> l.startsWith(name + "{") && l.contains("model=\"" + model + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void shouldEndTheClientsStreamAtDoneEvenWhileTheEngineKeepsItsResponseOpen() {
        // Given an engine that sends its events and [DONE] but holds its response open
        int before = recorder.streamsSent();
        // When a client streams from it (the client returns once the response has ended)
        HttpResponse<String> response = postWithId("/v1/completions", "held-1",
                "{\"model\":\"" + RecordingUpstream.MODEL + "\",\"prompt\":\"x\",\"stream\":true}");
        // Then the client has the whole stream, ended, before the engine ended its response, and it is a success
        assertThat(recorder.streamsSent()).isEqualTo(before + 1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(RecordingUpstream.STREAM);
        gateway.awaitLog("id=held-1 .* status=200 outcome=ok", Duration.ofSeconds(10));
        // And the engine's unended response does not hold its connection for good: the idle timeout (3 s) drops it
        Duration held = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> recorder.idleBeforeClose("held-1"), Optional::isPresent).orElseThrow();
        assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void shouldCloseAnIdleEngineConnectionWithinMomentsOfItsKeepAliveWellBeforeVllmWould() {
        // Given a request answered on a pooled engine connection
        HttpResponse<String> response = postWithId("/v1/completions", "idle-1", TO_RECORDER);
        assertThat(response.statusCode()).isEqualTo(200);
        // When the connection stays idle, the gateway closes it (this engine never does)
        Duration idle = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> recorder.idleBeforeClose("idle-1"), Optional::isPresent).orElseThrow();
        // Then after its keep-alive (4 s) and soon after: vLLM closes idle connections at 5 s, and a request sent on
        // a connection the engine is closing fails
        assertThat(idle).isBetween(Duration.ofMillis(3900), Duration.ofMillis(4700));
    }

    @Test
    void shouldFrameSseExactlyLikeVllmAndDeliverEventsAsTheyComeCurlStyle() {
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.post("/v1/completions", Map.of("Content-Type", "application/json"), "{\"model\":\"" + MODEL
                    + "\",\"prompt\":\"Tell me\",\"max_tokens\":40,\"ignore_eos\":true,\"stream\":true}");
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header("content-type")).startsWith("text/event-stream");
            assertThat(http.header("transfer-encoding")).isEqualTo("chunked");
            // The first chunk holds whole events only, and arrives long before the last (40 tokens at 15 ms each)
            String first = http.nextChunk();
            assertThat(first).startsWith("data: {").endsWith("\n\n").doesNotContain("[DONE]");
            StringBuilder body = new StringBuilder(first);
            for (String chunk = http.nextChunk(); chunk != null; chunk = http.nextChunk()) {
                assertThat(chunk).endsWith("\n\n");
                body.append(chunk);
            }
            assertThat(body.toString()).endsWith("\n\ndata: [DONE]\n\n");
            assertThat(Sse.payloads(body.toString())).hasSize(41);
        }
    }

    @Test
    void shouldServeClientsThatAskToUpgradeToH2c() throws Exception {
        // The JDK client offers "Upgrade: h2c" on plain HTTP by default
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"max_tokens\":3";
        for (String request : List.of(body + "}", body + ",\"stream\":true}")) {
            HttpResponse<String> response = h2.send(HttpRequest.newBuilder(URI.create(url("/v1/completions")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("text_completion");
        }
    }

    @Test
    void shouldServeClientsThatAcceptGzip() throws Exception {
        String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"max_tokens\":4";
        for (String request : List.of(body + "}", body + ",\"stream\":true}")) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url("/v1/completions"))).header("Content-Type", "application/json")
                    .header("Accept-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(decode(response)).contains("text_completion");
        }
    }

    private static String decode(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
