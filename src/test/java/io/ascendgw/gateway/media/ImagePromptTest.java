package io.ascendgw.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ImagePromptTest {

    private static final String CAT = "https://example.com/cat.png";
    private static final String DOG = "https://example.com/dog.png";

    @Test
    void shouldRenderFourAsciiBytesPerTokenBetweenTheVisionMarkersWhenRenderingAnImage() {
        // When
        String text = ImagePrompt.render(CAT, 1369);

        // Then
        assertThat(text).startsWith("<|vision_start|>").endsWith("<|vision_end|>");
        String body = text.substring(ImagePrompt.START.length(), text.length() - ImagePrompt.END.length());
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(4 * 1369);
        assertThat(body).matches("[A-Za-z0-9_-]*");
        assertThat(ImagePrompt.render(CAT, 0)).isEqualTo(ImagePrompt.START + ImagePrompt.END);
    }

    @Test
    void shouldRenderEqualTextForEqualUrlsAndDifferFromTheFirstTokenForDifferentOnes() {
        // When
        String cat = ImagePrompt.render(CAT, 64);
        String again = ImagePrompt.render(new String(CAT.toCharArray()), 64);
        String dog = ImagePrompt.render(DOG, 64);
        StringBuilder appended = new StringBuilder("before ");
        ImagePrompt.render(CAT, 64, appended);

        // Then
        assertThat(again).isEqualTo(cat);
        assertThat(appended.toString()).isEqualTo("before " + cat);
        int firstToken = ImagePrompt.START.length();
        assertThat(dog.substring(firstToken, firstToken + 4)).isNotEqualTo(cat.substring(firstToken, firstToken + 4));
        assertThat(ImagePrompt.render(CAT, 8)).isEqualTo(cat.substring(0, firstToken + 32) + ImagePrompt.END);
    }

    @Test
    void shouldHashTheDataUrlPayloadWhenTheUrlIsADataUrl() {
        // Given the same payload under two media types, and a payload differing in its last character
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB";
        String jpeg = "data:image/jpeg;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB";
        String other = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAC";

        // When / Then
        assertThat(ImagePrompt.identity(png)).isEqualTo(ImagePrompt.identity(jpeg));
        assertThat(ImagePrompt.identity(png)).isNotEqualTo(ImagePrompt.identity(other));
        assertThat(ImagePrompt.identity(CAT)).isNotEqualTo(ImagePrompt.identity(DOG));
    }
}
