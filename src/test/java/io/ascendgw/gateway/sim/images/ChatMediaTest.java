package io.ascendgw.gateway.sim.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.media.ImagePrompt;
import io.ascendgw.gateway.sim.text.ChatRenderer;

class ChatMediaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parts(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void shouldJoinTextPartsByNewlinesAndKeepNoMediaWhenThereIsNone() throws Exception {
        // Given
        ChatMedia.Builder builder = new ChatMedia.Builder();

        // When
        String text = builder.contentText(0, parts("[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":"
                + "\"b\"},{\"type\":\"refusal\"},{\"text\":\"c\"}]"));

        // Then
        assertThat(text).isEqualTo("a\nb\nc");
        assertThat(builder.build()).isSameAs(ChatMedia.NONE);
    }

    @Test
    void shouldRenderEachImageAtItsPositionWhenTheTokensAreKnown() throws Exception {
        // Given a system message, then a user message with text, an image, text and a shorthand image
        ChatMedia.Builder builder = new ChatMedia.Builder();
        String content = builder.contentText(1, parts("[{\"type\":\"text\",\"text\":\"first\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"http://x/a.png\"}},{\"type\":\"text\",\"text\":\"then\"},"
                + "{\"image_url\":\"http://x/b.png\"}]"));
        ChatMedia media = builder.build();
        List<ChatRenderer.Message> messages = List.of(new ChatRenderer.Message("system", "Be brief."),
                new ChatRenderer.Message("user", content));

        // When
        List<ChatRenderer.Message> rendered = media.render(messages, new int[] {3, 2});

        // Then
        assertThat(content).isNull();
        assertThat(media.imageUrls()).containsExactly("http://x/a.png", "http://x/b.png");
        assertThat(media.modalities()).containsExactly("image", "image");
        assertThat(rendered.get(0)).isEqualTo(messages.get(0));
        assertThat(rendered.get(1).content()).isEqualTo("first\n" + ImagePrompt.render("http://x/a.png", 3) + "\nthen\n"
                + ImagePrompt.render("http://x/b.png", 2));
    }

    @Test
    void shouldTellOtherModalitiesAndShiftPositionsWhenAsked() throws Exception {
        // Given
        ChatMedia.Builder builder = new ChatMedia.Builder();
        builder.contentText(0, parts("[{\"type\":\"video_url\",\"video_url\":{\"url\":\"v.mp4\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{}},{\"type\":\"input_image\",\"image_url\":\"i.png\"}]"));

        // When
        ChatMedia media = builder.build();
        ChatMedia shifted = media.after(2);

        // Then
        assertThat(media.modalities()).containsExactly("video", "audio", "image");
        List<ChatRenderer.Message> three = List.of(new ChatRenderer.Message("system", "s"),
                new ChatRenderer.Message("user", "u"), new ChatRenderer.Message("user", null));
        assertThat(shifted.render(three, new int[] {1}).get(2).content()).isEqualTo(ImagePrompt.render("i.png", 1));
    }
}
