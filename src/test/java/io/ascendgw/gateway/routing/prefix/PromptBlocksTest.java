package io.ascendgw.gateway.routing.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.media.ImagePrompt;
import io.ascendgw.gateway.prompt.QwenChatTemplate;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.ascendgw.gateway.testing.TestPictures;

class PromptBlocksTest {

    @Test
    void shouldRenderChatExactlyAsTheSimulatorDoesWhenMessagesUseStringsOrParts() {
        // Given a chat request with a multi-byte system prompt and a user message made of text parts around a picture
        String system = "你好，世界 — système ✓ " + TestEngines.words(50, 3);
        String picture = TestPictures.dataUrl(640, 480, 1);
        InferenceRequest request = TestEngines.parse(ApiEndpoint.CHAT, "{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"system\",\"content\":" + TestEngines.json(system) + "},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"part one\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + picture + "\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}},"
                + "{\"type\":\"text\",\"text\":\"two\"}]}]}");
        // When it is rendered
        PromptSink sink = new PromptSink();
        sink.reset(1 << 20);
        PromptRenderer.render(request, sink);
        // Then the bytes are the simulator's ChatML rendering, the picture weighing what Qwen2.5-VL's processor gives
        // 640x480 (smart_resize to 644x476: 23 x 17 = 391 tokens), so block boundaries agree with the engine's
        byte[] expected = ChatRenderer.render(List.of(new ChatRenderer.Message("system", system),
                new ChatRenderer.Message("user", "part one\n" + ImagePrompt.render(picture, 391) + "\ntwo")), true)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sink.copy()).isEqualTo(expected);
        assertThat(sink.total()).isEqualTo(expected.length);
    }

    @Test
    void shouldTellPicturesApartAndNotLearnBytesPerTokenWhenAChatCarriesOne() {
        // Given one long question about three pictures: two different ones and the first again
        String question = TestEngines.words(200, 4);
        InferenceRequest cat = pictureChat(question, TestPictures.dataUrl(1024, 768, 1));
        InferenceRequest dog = pictureChat(question, TestPictures.dataUrl(1024, 768, 2));
        InferenceRequest catAgain = pictureChat(question, TestPictures.dataUrl(1024, 768, 1));
        // When hashed
        long[] catHashes = new PromptBlocks(cat).hashes("m", 16, 64, 4096);
        long[] dogHashes = new PromptBlocks(dog).hashes("m", 16, 64, 4096);
        // Then the blocks of the question agree, those from the picture on differ, and the same picture agrees
        int questionBlocks = ("<|im_start|>user\n" + question + "\n").length() / 64;
        assertThat(catHashes).hasSize(dogHashes.length).hasSizeGreaterThanOrEqualTo(questionBlocks + 999 * 4 / 64); // 37 x 27 tokens
        for (int b = 0; b < catHashes.length; b++) {
            if (b < questionBlocks) {
                assertThat(dogHashes[b]).isEqualTo(catHashes[b]);
            } else {
                assertThat(dogHashes[b]).isNotEqualTo(catHashes[b]);
            }
        }
        assertThat(new PromptBlocks(catAgain).hashes("m", 16, 64, 4096)).isEqualTo(catHashes);
        // And a picture's weight is its model's processor's, so its prompt teaches nothing about bytes per token
        PromptBlocks blocks = new PromptBlocks(cat);
        blocks.hashes("m", 16, 64, 4096);
        assertThat(blocks.textBytes()).isEqualTo(-1);
    }

    @Test
    void shouldWeighAPictureItCannotSizeAsAnAverageOneWhenItIsAUrlOrUnreadable() {
        // Given pictures behind a URL (the gateway does not fetch) and in a data URL that holds no image
        String url = "https://images.example.com/a.jpg";
        String notAnImage = "data:image/png;base64,aGVsbG8gdGhlcmU=";
        // When rendered
        byte[] byUrl = rendered(pictureChat("q", url));
        byte[] unreadable = rendered(pictureChat("q", notAnImage));
        // Then each takes an average picture's tokens, and its identity still tells it apart
        assertThat(new String(byUrl, StandardCharsets.UTF_8)).isEqualTo(ChatRenderer.render(List.of(
                new ChatRenderer.Message("user", "q\n" + ImagePrompt.render(url, PromptSink.UNKNOWN_IMAGE_TOKENS))),
                true));
        assertThat(unreadable).hasSameSizeAs(byUrl).isNotEqualTo(byUrl);
    }

    private static InferenceRequest pictureChat(String question, String pictureUrl) {
        return TestEngines.parse(ApiEndpoint.CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":" + TestEngines.json(question) + "},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"" + pictureUrl + "\",\"detail\":\"auto\"}}]}]}");
    }

    @Test
    void shouldRenderAResponsesRequestAsTheSimulatorDoesSoItSharesItsPrefixWithTheSameChat() {
        // Given a Responses API request with instructions and message items, and one with a string input
        InferenceRequest items = TestEngines.parse(ApiEndpoint.RESPONSES, "{\"model\":\"m\",\"instructions\":\"Be brief\","
                + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"one\"},{\"type\":\"input_image\",\"image_url\":\"http://x\"}]},{\"role\":\"assistant\","
                + "\"content\":\"two\"},{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"x\"}]}");
        InferenceRequest text = TestEngines.parse(ApiEndpoint.RESPONSES, "{\"input\":\"three\"}");

        // When they are rendered
        byte[] rendered = rendered(items);
        byte[] renderedText = rendered(text);

        // Then the instructions are the system message, the picture an average one (behind a URL), and items
        // without a role take no part, as in the engine
        assertThat(rendered).isEqualTo(ChatRenderer.render(List.of(new ChatRenderer.Message("system", "Be brief"),
                new ChatRenderer.Message("user", "one\n" + ImagePrompt.render("http://x", PromptSink.UNKNOWN_IMAGE_TOKENS)),
                new ChatRenderer.Message("assistant", "two")), true)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(renderedText).isEqualTo(ChatRenderer.render(List.of(new ChatRenderer.Message("user", "three")), true)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRenderToolDefinitionsAsTheSimulatorDoesWhenAChatOffersTools() {
        // Given an agent's chat: a system prompt, two tools, and a user message
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Météo\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}]";
        InferenceRequest request = TestEngines.parse(ApiEndpoint.CHAT, "{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are an agent.\"},{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"tools\": " + tools.replace(",", ", ") + "}");
        InferenceRequest withoutSystem = TestEngines.parse(ApiEndpoint.CHAT, "{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"tools\":" + tools + "}");

        // When they are rendered
        byte[] rendered = rendered(request);
        byte[] renderedWithoutSystem = rendered(withoutSystem);

        // Then the bytes are the simulator's: the definitions (compact, however the client spaced them) in the
        // system message after its own text, so the engine's block boundaries and prompt tokens agree
        List<String> definitions = new java.util.ArrayList<>();
        withoutSystem.body().path("tools").forEach(t -> definitions.add(t.toString()));
        assertThat(rendered).isEqualTo(ChatRenderer.render(List.of(new ChatRenderer.Message("system",
                "You are an agent."), new ChatRenderer.Message("user", "Hi")), definitions, true)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(renderedWithoutSystem).isEqualTo(ChatRenderer.render(List.of(new ChatRenderer.Message("user", "Hi")),
                definitions, true).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(rendered, StandardCharsets.UTF_8)).contains("<tools>\n{\"type\":\"function\"");
    }

    @Test
    void shouldRenderAnAgentsToolCallsAndResultsAsQwenAndTheSimulatorDo() {
        // Given an agent loop's history: two parallel calls (arguments as a spaced JSON string), then both results
        InferenceRequest request = TestEngines.parse(ApiEndpoint.CHAT, "{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Weather and time?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"city\\\": \\\"Hangzhou\\\"}\"}},{\"id\":\"c2\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c1\","
                + "\"content\":\"22 C\"},{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":\"10:00\"}]}");

        // When it is rendered
        String rendered = new String(rendered(request), StandardCharsets.UTF_8);

        // Then the calls are Qwen's <tool_call> blocks with compact arguments and both results one user turn, byte
        // for byte what the simulator renders
        assertThat(rendered).isEqualTo(ChatRenderer.render(List.of(new ChatRenderer.Message("user",
                "Weather and time?"), new ChatRenderer.Message("assistant", null, List.of(QwenChatTemplate.toolCall(
                        "get_weather", "{\"city\":\"Hangzhou\"}"), QwenChatTemplate.toolCall("get_time", "{}"))),
                new ChatRenderer.Message("tool", "22 C"), new ChatRenderer.Message("tool", "10:00")), true));
        assertThat(rendered).contains("<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                + "{\"city\":\"Hangzhou\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\"")
                .contains("<|im_start|>user\n<tool_response>\n22 C\n</tool_response>\n<tool_response>\n10:00\n"
                        + "</tool_response><|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void shouldGiveEqualHashesWhenOnlyTheJsonSpellingDiffers() {
        // Given the same conversation spelled with different whitespace and key order
        InferenceRequest a = TestEngines.parse(ApiEndpoint.CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + TestEngines.json(TestEngines.words(300, 1)) + "}]}");
        InferenceRequest b = TestEngines.parse(ApiEndpoint.CHAT, "{ \"messages\" : [ { \"content\" : "
                + TestEngines.json(TestEngines.words(300, 1)) + ", \"role\" : \"user\" } ], \"model\" : \"m\" }");
        // When both are hashed
        long[] ha = new PromptBlocks(a).hashes("m", 64, 256, 128);
        long[] hb = new PromptBlocks(b).hashes("m", 64, 256, 128);
        // Then the hashes are equal and there is one per full block
        assertThat(ha).isEqualTo(hb).hasSize((int) (new PromptBlocks(a).hashes("m", 64, 256, 128).length));
        assertThat(ha.length).isEqualTo((int) (bytes(a) / 256));
    }

    @Test
    void shouldHashTokenIdPromptsByIdsAndNotLearnFromThem() {
        // Given a completions request with 200 token ids
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            ids.append(i == 0 ? "" : ",").append(1000 + i);
        }
        InferenceRequest request = TestEngines.parse(ApiEndpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[" + ids
                + "]}");
        PromptBlocks blocks = new PromptBlocks(request);
        // When hashed with 64-token blocks
        long[] hashes = blocks.hashes("m", 64, 999, 128);
        // Then there are 3 full blocks of 64 ids, and no byte count to learn bytes per token from
        assertThat(hashes).hasSize(3);
        assertThat(blocks.textBytes()).isEqualTo(-1);
    }

    @Test
    void shouldNotMatchAcrossModelsWhenThePromptIsTheSame() {
        // Given one prompt
        InferenceRequest request = TestEngines.parse(ApiEndpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":"
                + TestEngines.json(TestEngines.words(200, 2)) + "}");
        // When hashed for two models
        long[] m1 = new PromptBlocks(request).hashes("model-a", 64, 256, 128);
        long[] m2 = new PromptBlocks(request).hashes("model-b", 64, 256, 128);
        // Then no block hash is shared
        assertThat(m1).doesNotContain(m2);
    }

    private static byte[] rendered(InferenceRequest request) {
        PromptSink sink = new PromptSink();
        sink.reset(1 << 20);
        PromptRenderer.render(request, sink);
        return sink.copy();
    }

    private static long bytes(InferenceRequest request) {
        PromptBlocks blocks = new PromptBlocks(request);
        blocks.hashes("m", 64, 256, 128);
        return blocks.textBytes();
    }
}
