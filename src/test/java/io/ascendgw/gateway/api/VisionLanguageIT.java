package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.ImageServer;
import io.ascendgw.gateway.testing.Sse;
import io.ascendgw.gateway.testing.TestPictures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pictures for a vision-language model through the gateway: sent inline as large data URLs (parsed off the event
 * loop), counted as prompt tokens by the engine, cached by the engine that saw them, refused by a text-only model
 * with vLLM's message, fetched by the engine only from the hosts the gateway lists, and malformed large bodies
 * answered with 400.
 */
class VisionLanguageIT {

    private static final String VL = "qwen-vl";
    private static final String TEXT = "qwen-text";
    /** Qwen2.5-VL's processor resizes 1024x768 to 1036x756: 37 x 27 vision tokens. */
    private static final int PICTURE_TOKENS = 999;

    @TempDir
    static Path dir;

    static GatewayProcess gateway;
    static ImageServer images;

    @BeforeAll
    static void start() throws IOException {
        images = new ImageServer();
        gateway = GatewayProcess.builder(dir.resolve("gw"))
                .simPool("vl", "Qwen/Qwen2.5-VL-7B-Instruct", "--enable-prefix-caching",
                        "--enable-prompt-tokens-details", "--sim-zero-delay")
                .property("gateway.pools.vl.served-model-name", VL).property("gateway.pools.vl.replicas", "2")
                .simPool("text", "Qwen/Qwen2.5-3B-Instruct", "--sim-zero-delay")
                .property("gateway.pools.text.served-model-name", TEXT)
                .property("gateway.proxy.max-body-size", "16M")
                .property("gateway.security.media-urls", "listed-hosts")
                .property("gateway.security.media-url-hosts", "127.0.0.1")
                .start().awaitReady(Duration.ofSeconds(60));
        gateway.awaitLog("engine vl-0 ready", Duration.ofSeconds(60));
        gateway.awaitLog("engine vl-1 ready", Duration.ofSeconds(60));
        gateway.awaitLog("engine text-0 ready", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (images != null) {
            images.close();
        }
    }

    @Test
    void shouldCountAPictureSentInlineAsPromptTokensWhetherStreamedOrNot() {
        // Given a 3 MB inline picture (a body the gateway parses on a worker thread) and the same question without it
        String picture = picture(1, 3 << 20);
        String question = "Describe this picture in one sentence.";

        // When both are asked, and the picture also streamed
        HttpResponse<String> withPicture = chat(VL, question, picture, false);
        HttpResponse<String> without = chat(VL, question, null, false);
        HttpResponse<String> streamed = chat(VL, question, picture, true);

        // Then the picture weighs its vision tokens (plus its markers) in the engine's usage
        assertThat(withPicture.statusCode()).as(withPicture.body()).isEqualTo(200);
        long pictureTokens = promptTokens(withPicture) - promptTokens(without);
        assertThat(pictureTokens).isBetween((long) PICTURE_TOKENS, PICTURE_TOKENS + 10L);
        assertThat(streamed.statusCode()).isEqualTo(200);
        JsonObject usage = Sse.payloads(streamed.body()).stream().filter(p -> !p.equals("[DONE]"))
                .map(JsonObject::new).filter(chunk -> chunk.getValue("usage") != null).reduce((a, b) -> b)
                .orElseThrow().getJsonObject("usage");
        assertThat(usage.getLong("prompt_tokens")).isEqualTo(promptTokens(withPicture));
    }

    @Test
    void shouldFindThePictureCachedWhenItIsAskedAgainButNotAnotherOne() {
        // Given a question with a picture, answered once
        String question = "List the objects you see, one per line. " + "Be precise. ".repeat(40);
        String first = picture(2, 0);
        HttpResponse<String> once = chat(VL, question, first, false);
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);

        // When the same picture is asked about again, and then another picture
        HttpResponse<String> again = chat(VL, question, first, false);
        HttpResponse<String> other = chat(VL, question, picture(3, 0), false);

        // Then the engine the gateway chose had the picture's blocks cached, but not the other picture's
        assertThat(cachedTokens(again)).isGreaterThanOrEqualTo(PICTURE_TOKENS);
        assertThat(cachedTokens(other)).isLessThan(PICTURE_TOKENS);
    }

    @Test
    void shouldRelayATextModelsRefusalOfAPicture() {
        // When a text-only model is sent a picture
        HttpResponse<String> refused = chat(TEXT, "What is this?", picture(4, 0), false);

        // Then vLLM's refusal reaches the client in OpenAI's shape
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.error(refused).getString("message")).contains("is not a multimodal model");
    }

    @Test
    void shouldLetEnginesFetchPicturesFromListedHostsOnlyWhenMediaUrlsAreRestricted() {
        // Given the gateway takes media URLs from 127.0.0.1 only, and a picture server there
        int before = images.requests.get();

        // When a picture is named by a listed host's URL, and the same picture by a name the list does not hold
        HttpResponse<String> listed = chat(VL, "What is this?", images.url("/cat.png"), false);
        HttpResponse<String> unlisted = chat(VL, "What is this?", images.url("/cat.png")
                .replace("127.0.0.1", "localhost"), false);
        HttpResponse<String> metadata = chat(VL, "What is this?", "http://169.254.169.254/latest/meta-data/", false);

        // Then the engine fetched the listed one (a 640x480 picture: 23 x 17 tokens) and never the others
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(promptTokens(listed) - promptTokens(chat(VL, "What is this?", null, false))).isBetween(391L, 401L);
        for (HttpResponse<String> refused : List.of(unlisted, metadata)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Http.error(refused).getString("code")).isEqualTo("media_url_not_allowed");
            assertThat(Http.error(refused).getString("param")).isEqualTo("messages");
        }
        assertThat(images.requests.get()).isEqualTo(before + 1);
    }

    @Test
    void shouldAnswer400WhenALargeBodyIsNotJson() {
        // Given a 2 MB body cut in the middle of its picture
        String body = chatBody(VL, "x", picture(5, 2 << 20), false).encode();
        String cut = body.substring(0, body.length() / 2);

        // When it is sent
        HttpResponse<String> answer = Http.postJson(gateway.baseUrl() + "/v1/chat/completions", cut);

        // Then the parse failure is the client's 400, and the gateway goes on serving
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Http.error(answer).getString("type")).isEqualTo("invalid_request_error");
        assertThat(chat(VL, "hello", null, false).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> chat(String model, String question, String picture, boolean stream) {
        return Http.postJson(gateway.baseUrl() + "/v1/chat/completions", chatBody(model, question, picture, stream)
                .encode());
    }

    private static JsonObject chatBody(String model, String question, String picture, boolean stream) {
        JsonArray content = new JsonArray().add(new JsonObject().put("type", "text").put("text", question));
        if (picture != null) {
            content.add(new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", picture)));
        }
        JsonObject body = new JsonObject().put("model", model).put("max_tokens", 8).put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", content)));
        if (stream) {
            body.put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body;
    }

    private static long promptTokens(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("usage").getLong("prompt_tokens");
    }

    private static long cachedTokens(HttpResponse<String> response) {
        JsonObject details = new JsonObject(response.body()).getJsonObject("usage")
                .getJsonObject("prompt_tokens_details");
        return details == null ? 0 : details.getLong("cached_tokens", 0L);
    }

    /** A 1024x768 PNG whose pixels depend on {@code seed}, as a data URL padded to {@code paddedBytes}. */
    private static String picture(int seed, int paddedBytes) {
        return TestPictures.dataUrl(TestPictures.padded(TestPictures.png(1024, 768, seed), paddedBytes));
    }
}
