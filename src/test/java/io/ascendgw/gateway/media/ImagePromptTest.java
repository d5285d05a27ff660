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

    @Test
    void shouldTellLongPayloadsApartWhereverTheyDifferByMoreThanTheSamplingStride() {
        // Given a 4 MB payload, and copies changed in 80 characters in its middle, in its last character, or longer
        char[] chars = new char[4 << 20];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('A' + random.nextInt(26));
        }
        String payload = new String(chars);
        char[] middle = chars.clone();
        java.util.Arrays.fill(middle, 2_000_000, 2_000_080, 'z');
        char[] last = chars.clone();
        last[last.length - 1] = 'z';

        // When / Then
        long identity = ImagePrompt.identity("data:image/jpeg;base64," + payload);
        assertThat(ImagePrompt.identity("data:image/png;base64," + new String(chars))).isEqualTo(identity);
        assertThat(ImagePrompt.identity("data:image/jpeg;base64," + new String(middle))).isNotEqualTo(identity);
        assertThat(ImagePrompt.identity("data:image/jpeg;base64," + new String(last))).isNotEqualTo(identity);
        assertThat(ImagePrompt.identity("data:image/jpeg;base64," + payload + "A")).isNotEqualTo(identity);
    }
}
