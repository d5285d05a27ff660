package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class ImageLoadTest {

    @Test
    void shouldReadImageFlagsWhenImagesAreAsked() throws UsageException {
        // When
        LoadSpec spec = CliParser.parse("--images", "2", "--image-size", "640X480", "--distinct-images", "5").spec();
        LoadSpec plain = CliParser.parse().spec();

        // Then
        assertThat(spec.images()).contains(new ImageLoad(2, 640, 480, 5));
        assertThat(plain.images()).isEmpty();
    }

    @Test
    void shouldRefuseImageFlagsThatCannotApply() {
        assertThatThrownBy(() -> CliParser.parse("--image-size", "64x64")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--image-size applies with --images");
        assertThatThrownBy(() -> CliParser.parse("--images", "1", "--endpoint", "completions"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--endpoint chat");
        assertThatThrownBy(() -> CliParser.parse("--images", "1", "--image-size", "64by64"))
                .isInstanceOf(UsageException.class).hasMessageContaining("WxH");
        assertThatThrownBy(() -> CliParser.parse("--images", "0")).isInstanceOf(UsageException.class);
    }

    @Test
    void shouldGenerateDistinctJpegsOfTheAskedSizeWhenPoolIsMade() throws IOException {
        // When
        List<String> urls = SyntheticImages.dataUrls(96, 64, 3, 1);

        // Then each decodes as a JPEG of that size, with the weight of a photo, not of a flat colour
        for (String url : urls) {
            assertThat(url).startsWith("data:image/jpeg;base64,");
            byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image.getWidth()).isEqualTo(96);
            assertThat(image.getHeight()).isEqualTo(64);
            assertThat(bytes.length).isGreaterThan(1500);
        }
        assertThat(new HashSet<>(urls)).hasSize(3);
        // And the same seed gives the same pictures
        assertThat(SyntheticImages.dataUrls(96, 64, 3, 1)).isEqualTo(urls);
    }

    @Test
    void shouldPutImagePartsBeforeTheTextWhenBodiesCarryImages() {
        // Given a pool of three pictures, two per request
        List<String> pool = List.of("data:image/png;base64,AA==", "data:image/png;base64,BB==",
                "data:image/png;base64,CC==");
        RequestBodies bodies = new RequestBodies(Endpoint.CHAT, "vl", false, true, pool, 2);

        // When requests are encoded
        Set<String> firstImages = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            JsonArray content = bodies.encode(new PromptPlan(i, "", "describe " + i, 8)).toJsonObject()
                    .getJsonArray("messages").getJsonObject(0).getJsonArray("content");

            // Then two different pictures of the pool come first, then the user text
            List<String> urls = IntStream.range(0, 2).mapToObj(p -> content.getJsonObject(p))
                    .peek(part -> assertThat(part.getString("type")).isEqualTo("image_url"))
                    .map(part -> part.getJsonObject("image_url").getString("url")).toList();
            assertThat(pool).containsAll(urls);
            assertThat(urls.get(0)).isNotEqualTo(urls.get(1));
            assertThat(content.getJsonObject(2)).isEqualTo(new JsonObject().put("type", "text")
                    .put("text", "describe " + i));
            firstImages.add(urls.get(0));
        }
        // And the pool is used throughout, the same index always drawing the same pictures
        assertThat(firstImages).hasSize(3);
        assertThat(bodies.encode(new PromptPlan(7, "", "x", 8))).isEqualTo(bodies.encode(new PromptPlan(7, "", "x", 8)));
    }
}
