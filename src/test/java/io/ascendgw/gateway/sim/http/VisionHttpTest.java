package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.TestSim;
import io.ascendgw.gateway.testing.ImageServer;
import io.ascendgw.gateway.testing.TestPictures;

/**
 * A vision-language model served as vLLM serves Qwen2.5-VL: image parts (data URLs, http URLs, allowed files) weigh
 * their Qwen token count in the prompt, in usage, /tokenize and the prefix cache; limits, text-only models and
 * unloadable images are refused with vLLM's statuses and messages.
 */
class VisionHttpTest {

    /** Qwen2.5-VL's tokens for the test images, computed with transformers' smart_resize in Python. */
    private static final int TOKENS_1024_SQUARE = 1369;
    private static final int TOKENS_640_480 = 391;
    private static final int TOKENS_300_200 = 77;

    private static final String QUESTION = "What is in this image?";

    private static ImageServer images;
    private static Path mediaDir;
    private static TestSim vl;
    private static TestSim textOnly;

    @BeforeAll
    static void start() throws IOException {
        images = new ImageServer();
        mediaDir = Files.createTempDirectory("media");
        Files.write(mediaDir.resolve("chart.png"), TestPictures.png(300, 200));
        vl = TestSim.start("--model", "Qwen/Qwen2.5-VL-7B-Instruct", "--limit-mm-per-prompt", "{\"image\": 2}",
                "--allowed-local-media-path", mediaDir.toString(), "--enable-prompt-tokens-details", "--block-size",
                "16", "--sim-zero-delay");
        textOnly = TestSim.start("--model", "Qwen/Qwen2.5-3B-Instruct", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() throws IOException {
        vl.close();
        textOnly.close();
        images.close();
        Files.deleteIfExists(mediaDir.resolve("chart.png"));
        Files.deleteIfExists(mediaDir);
    }

    static String imagePart(String url) {
        return "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\",\"detail\":\"auto\"}}";
    }

    static String chatBody(String... parts) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + QUESTION + "\"},"
                + String.join(",", parts) + "]}],\"max_tokens\":5,\"seed\":3}";
    }

    /** Prompt tokens of one user turn: the question, then each image's vision markers and 4 bytes per token. */
    static int expectedPromptTokens(int... imageTokens) {
        int bytes = "<|im_start|>user\n".length() + QUESTION.length()
                + "<|im_end|>\n<|im_start|>assistant\n".length();
        for (int tokens : imageTokens) {
            bytes += 1 + "<|vision_start|>".length() + 4 * tokens + "<|vision_end|>".length();
        }
        return (bytes + 3) / 4;
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static String errorMessage(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json(r.body()).path("error").path("message").asText();
    }

    @Test
    void shouldCountTheImagesTokensWhenAVlModelGetsADataUrlPng() {
        // When
        JsonNode answer = ok(vl.post("/v1/chat/completions", chatBody(imagePart(TestPictures.dataUrl(1024, 1024)))));
        JsonNode tokenized = ok(vl.post("/tokenize", chatBody(imagePart(TestPictures.dataUrl(1024, 1024)))));

        // Then
        assertThat(answer.path("usage").path("prompt_tokens").asInt())
                .isEqualTo(expectedPromptTokens(TOKENS_1024_SQUARE));
        assertThat(tokenized.path("count").asInt()).isEqualTo(expectedPromptTokens(TOKENS_1024_SQUARE));
    }

    @Test
    void shouldCountEveryImageWhenAMessageHoldsTwo() {
        // When
        JsonNode answer = ok(vl.post("/v1/chat/completions", chatBody(imagePart(TestPictures.dataUrl(1024, 1024)),
                imagePart(TestPictures.dataUrl(640, 480)))));

        // Then
        assertThat(answer.path("usage").path("prompt_tokens").asInt())
                .isEqualTo(expectedPromptTokens(TOKENS_1024_SQUARE, TOKENS_640_480));
    }

    @Test
    void shouldFetchTheImageWhenItIsAnHttpUrlAndFollowItsRedirect() {
        // When
        JsonNode direct = ok(vl.post("/v1/chat/completions", chatBody(imagePart(images.url("/cat.png")))));
        JsonNode moved = ok(vl.post("/v1/chat/completions", chatBody(imagePart(images.url("/moved.png")))));

        // Then
        assertThat(direct.path("usage").path("prompt_tokens").asInt())
                .isEqualTo(expectedPromptTokens(TOKENS_640_480));
        assertThat(moved.path("usage").path("prompt_tokens").asInt()).isEqualTo(expectedPromptTokens(TOKENS_640_480));
    }

    @Test
    void shouldAnswerAiohttpsErrorAs500WhenTheImageUrlIs404OrUnreachable() throws IOException {
        // Given a port nobody listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        // When
        HttpResponse<String> missing = vl.post("/v1/chat/completions", chatBody(imagePart(images.url("/missing.png"))));
        HttpResponse<String> unreachable = vl.post("/v1/chat/completions",
                chatBody(imagePart("http://127.0.0.1:" + closedPort + "/cat.png")));

        // Then
        assertThat(errorMessage(missing, 500))
                .isEqualTo("404, message='Not Found', url='" + images.url("/missing.png") + "'");
        assertThat(json(missing.body()).path("error").path("type").asText()).isEqualTo("Internal Server Error");
        assertThat(errorMessage(unreachable, 500)).isEqualTo("Cannot connect to host 127.0.0.1:" + closedPort
                + " ssl:default [Connect call failed ('127.0.0.1', " + closedPort + ")]");
    }

    @Test
    void shouldGiveUpAfterVllmImageFetchTimeoutWhenTheImageServerIsSlow() {
        // Given a simulator whose fetches may take one second
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("VLLM_IMAGE_FETCH_TIMEOUT", "1");
        try (TestSim impatient = TestSim.startWithEnvironment(env, "--model", "Qwen/Qwen2.5-VL-3B-Instruct",
                "--sim-zero-delay")) {
            // When the image takes three
            HttpResponse<String> r = impatient.post("/v1/chat/completions",
                    chatBody(imagePart(images.url("/slow.png"))));

            // Then aiohttp's TimeoutError, whose text is empty, escapes as a 500
            assertThat(errorMessage(r, 500)).isEmpty();
        }
    }

    @Test
    void shouldRefuseMoreImagesThanTheLimitBeforeFetchingAny() {
        // Given
        int served = images.requests.get();

        // When
        HttpResponse<String> r = vl.post("/v1/chat/completions", chatBody(imagePart(images.url("/cat.png")),
                imagePart(images.url("/cat.png")), imagePart(images.url("/cat.png"))));

        // Then
        assertThat(errorMessage(r, 400)).isEqualTo("At most 2 image(s) may be provided in one prompt. None");
        assertThat(images.requests.get()).isEqualTo(served);
    }

    @Test
    void shouldRefuseAnyImageWhenTheModelIsTextOnly() {
        // Given
        int served = images.requests.get();

        // When
        HttpResponse<String> r = textOnly.post("/v1/chat/completions", chatBody(imagePart(images.url("/cat.png"))));

        // Then
        assertThat(errorMessage(r, 400)).isEqualTo("Qwen/Qwen2.5-3B-Instruct is not a multimodal model None");
        assertThat(images.requests.get()).isEqualTo(served);
    }

    @Test
    void shouldRefuseVideoAndAudioAsAModelWithoutThoseModalities() {
        // When
        HttpResponse<String> video = vl.post("/v1/chat/completions",
                chatBody("{\"type\":\"video_url\",\"video_url\":{\"url\":\"" + images.url("/clip.mp4") + "\"}}"));
        HttpResponse<String> audio = vl.post("/v1/chat/completions",
                chatBody("{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}"));

        // Then
        assertThat(errorMessage(video, 400)).isEqualTo("At most 0 video(s) may be provided in one prompt. None");
        assertThat(errorMessage(audio, 400)).isEqualTo("At most 0 audio(s) may be provided in one prompt. None");
    }

    @Test
    void shouldHitThePrefixCacheWhenTheSameImageComesAgainAndMissAfterADifferentOne() {
        // Given a first request with an image
        String image = TestPictures.dataUrl(800, 600);
        ok(vl.post("/v1/chat/completions", chatBody(imagePart(image))));

        // When the same image comes again, then another one
        JsonNode same = ok(vl.post("/v1/chat/completions", chatBody(imagePart(image))));
        JsonNode other = ok(vl.post("/v1/chat/completions", chatBody(imagePart(TestPictures.dataUrl(801, 600)))));

        // Then the same image is cached through its last full block; the other one shares less than one block
        int sameCached = same.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt(0);
        assertThat(sameCached).isGreaterThanOrEqualTo(same.path("usage").path("prompt_tokens").asInt() - 16);
        assertThat(other.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt(0)).isLessThan(16);
    }

    @Test
    void shouldAnswerDifferentlyForADifferentImageAndAlikeWhenStreaming() {
        // Given
        String body = chatBody(imagePart(TestPictures.dataUrl(1024, 1024))).replace("\"max_tokens\":5", 
                "\"max_tokens\":12");

        // When
        JsonNode whole = ok(vl.post("/v1/chat/completions", body));
        JsonNode other = ok(vl.post("/v1/chat/completions", body.replace(TestPictures.dataUrl(1024, 1024),
                TestPictures.dataUrl(1024, 1000))));
        HttpResponse<String> stream = vl.post("/v1/chat/completions", body.replace("\"seed\":3",
                "\"seed\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        // Then
        StringBuilder streamed = new StringBuilder();
        int streamedPromptTokens = -1;
        for (String event : TestSim.events(stream.body())) {
            if (!event.equals("[DONE]")) {
                JsonNode chunk = json(event);
                chunk.path("choices").forEach(c -> streamed.append(c.path("delta").path("content").asText("")));
                if (chunk.path("usage").isObject()) {
                    streamedPromptTokens = chunk.path("usage").path("prompt_tokens").asInt();
                }
            }
        }
        String text = whole.path("choices").get(0).path("message").path("content").asText();
        assertThat(streamed.toString()).isEqualTo(text);
        assertThat(streamedPromptTokens).isEqualTo(whole.path("usage").path("prompt_tokens").asInt());
        assertThat(other.path("choices").get(0).path("message").path("content").asText()).isNotEqualTo(text);
    }

    @Test
    void shouldTakeAnInputImageWhenTheResponsesApiGetsOne() {
        // When
        JsonNode response = ok(vl.post("/v1/responses", "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_text\",\"text\":\"" + QUESTION + "\"},{\"type\":\"input_image\",\"image_url\":\""
                + TestPictures.dataUrl(640, 480) + "\",\"detail\":\"auto\"}]}],\"max_output_tokens\":5}"));

        // Then
        assertThat(response.path("usage").path("input_tokens").asInt())
                .isEqualTo(expectedPromptTokens(TOKENS_640_480));
    }

    @Test
    void shouldReadAllowedLocalFilesAndRefuseOthers() {
        // When
        JsonNode local = ok(vl.post("/v1/chat/completions",
                chatBody(imagePart(mediaDir.resolve("chart.png").toUri().toString()))));
        HttpResponse<String> outside = vl.post("/v1/chat/completions", chatBody(imagePart("file:///etc/passwd")));

        // Then
        assertThat(local.path("usage").path("prompt_tokens").asInt()).isEqualTo(expectedPromptTokens(TOKENS_300_200));
        assertThat(errorMessage(outside, 400)).isEqualTo("The file path /etc/passwd must be a subpath of "
                + "`--allowed-local-media-path` " + mediaDir + ". None");
    }

    @Test
    void shouldAnswerPilsAndVllmsWordsWhenTheDataIsNoImage() {
        // Given
        String text = "data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));

        // When
        String notImage = errorMessage(vl.post("/v1/chat/completions", chatBody(imagePart(text))), 400);
        String notBase64 = errorMessage(vl.post("/v1/chat/completions",
                chatBody(imagePart("data:image/svg+xml;utf8,<svg/>"))), 400);
        String noScheme = errorMessage(vl.post("/v1/chat/completions", chatBody(imagePart("cat.png"))), 400);

        // Then the UnidentifiedImageError is re-raised from itself, so V1 names it twice
        assertThat(notImage).matches("(cannot identify image file <_io\\.BytesIO object at 0x[0-9a-f]+>) \\1");
        assertThat(notBase64).isEqualTo("Only base64 data URLs are supported for now. None");
        assertThat(noScheme).isEqualTo("The URL must be either a HTTP, data or file URL. None");
    }

    @Test
    void shouldLetTheEngineRefuseAnImageQwenCannotResize() {
        // Given an image 201 times wider than high
        String body = chatBody(imagePart(TestPictures.dataUrl(5025, 25)));

        // When
        HttpResponse<String> whole = vl.post("/v1/chat/completions", body);
        HttpResponse<String> stream = vl.post("/v1/chat/completions", body.replace("\"seed\":3",
                "\"seed\":3,\"stream\":true"));

        // Then non-streaming is a 400; a stream has started and carries the error in band
        assertThat(errorMessage(whole, 400)).isEqualTo("absolute aspect ratio must be smaller than 200, got 201.0");
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> events = TestSim.events(stream.body());
        assertThat(json(events.get(0)).path("error").path("message").asText())
                .isEqualTo("absolute aspect ratio must be smaller than 200, got 201.0");
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void shouldAnswerInThe073DialectWhenEmulatingIt() {
        // Given 0.7.3: one image per prompt by default, flat errors, no cause appended, no local files
        try (TestSim legacy = TestSim.start("--model", "Qwen/Qwen2-VL-7B-Instruct", "--sim-vllm-version", "0.7.3",
                "--sim-zero-delay")) {
            // When
            HttpResponse<String> one = legacy.post("/v1/chat/completions",
                    chatBody(imagePart(TestPictures.dataUrl(640, 480))).replace("{\"messages\"",
                            "{\"model\":\"Qwen/Qwen2-VL-7B-Instruct\",\"messages\""));
            HttpResponse<String> two = legacy.post("/v1/chat/completions", chatBody(imagePart(images.url("/cat.png")),
                    imagePart(images.url("/cat.png"))).replace("{\"messages\"",
                            "{\"model\":\"Qwen/Qwen2-VL-7B-Instruct\",\"messages\""));
            HttpResponse<String> file = legacy.post("/v1/chat/completions", chatBody(imagePart("file:///tmp/x.png"))
                    .replace("{\"messages\"", "{\"model\":\"Qwen/Qwen2-VL-7B-Instruct\",\"messages\""));

            // Then
            assertThat(json(one.body()).path("usage").path("prompt_tokens").asInt())
                    .as(one.body()).isEqualTo(expectedPromptTokens(TOKENS_640_480));
            assertThat(two.statusCode()).isEqualTo(400);
            assertThat(json(two.body()).path("message").asText()).isEqualTo("At most 1 image(s) may be provided in "
                    + "one request. You can set `--limit-mm-per-prompt` to increase this limit if the model supports "
                    + "it.");
            assertThat(json(file.body()).path("message").asText())
                    .isEqualTo("Cannot load local files without `--allowed-local-media-path`.");
        }
    }
}
