package io.ascendgw.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataUrlTest {

    @Test
    void shouldTellDataUrlsByTheirSchemeWhenAskedIgnoringCase() {
        assertThat(DataUrl.isDataUrl("data:image/png;base64,AAAA")).isTrue();
        assertThat(DataUrl.isDataUrl("DATA:,x")).isTrue();
        assertThat(DataUrl.isDataUrl("https://example.com/data:x")).isFalse();
        assertThat(DataUrl.isDataUrl("dat")).isFalse();
        assertThat(DataUrl.isDataUrl(null)).isFalse();
    }

    @Test
    void shouldDecodeBase64AndPercentEncodedPayloadsWhenDecodingWhole() {
        assertThat(DataUrl.decode("data:text/plain;base64,aGVsbG8=")).asString().isEqualTo("hello");
        assertThat(DataUrl.decode("data:;BASE64,aGk")).asString().isEqualTo("hi");
        assertThat(DataUrl.decode("data:text/plain,a%20b%2Cc")).asString().isEqualTo("a b,c");
        assertThat(DataUrl.decode("data:,caf\u00e9")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(DataUrl.decode("data:,")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64", "data:image/png;base64,@@@@", "data:image/png;base64,aGk=x",
        "data:image/png;base64,a", "data:,%zz", "data:,abc%4", "http://example.com/x.png"})
    void shouldRefuseWhenTheDataUrlIsMalformed(String url) {
        assertThatThrownBy(() -> DataUrl.decode(url)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataUrl.imageSize(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadTheSizeFromThePrefixWhenALargeImageHasItsHeaderFirst() throws Exception {
        // Given a 3 MB payload: a PNG whose header comes first, padded (PIL ignores what follows IEND)
        byte[] png = TestImages.write("png", 1920, 1080);
        byte[] large = Arrays.copyOf(png, 3 * 1024 * 1024);
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(large);

        // When
        ImageSize size = DataUrl.imageSize(url);

        // Then
        assertThat(size).isEqualTo(new ImageSize(1920, 1080));
    }

    @Test
    void shouldStillRefuseMalformedBase64WhenItLiesBeyondThePrefixRead() {
        // Given a valid header, and a broken character a megabyte later
        String payload = Base64.getEncoder().encodeToString(Arrays.copyOf(TestImages.write("png", 8, 8), 1 << 20));
        String url = "data:image/png;base64," + payload.substring(0, 500_000) + "*" + payload.substring(500_001);

        // When / Then
        assertThatThrownBy(() -> DataUrl.imageSize(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDecodeTheWholePayloadWhenTheHeaderLiesBeyondTheFirst64KiB() throws Exception {
        // Given a JPEG whose frame header follows two EXIF-sized APP1 segments (~128 KiB)
        byte[] jpeg = TestImages.withApp1(TestImages.withApp1(TestImages.write("jpg", 300, 200), 65_000), 65_000);
        String url = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);

        // When / Then
        assertThat(DataUrl.imageSize(url)).isEqualTo(new ImageSize(300, 200));
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, -1, 0, 1, 2, 3})
    void shouldReadTheSizeWhenThePayloadEndsAroundThePrefixBoundary(int delta) throws Exception {
        // Given payloads whose base64 length straddles the 64 KiB prefix, padded or not
        byte[] png = Arrays.copyOf(TestImages.write("png", 5, 7), 64 * 1024 + delta);
        String padded = Base64.getEncoder().encodeToString(png);
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(png);

        // When / Then
        assertThat(DataUrl.imageSize("data:image/png;base64," + padded)).isEqualTo(new ImageSize(5, 7));
        assertThat(DataUrl.imageSize("data:image/png;base64," + unpadded)).isEqualTo(new ImageSize(5, 7));
    }

    @Test
    void shouldRefuseAsUnreadableWhenThePayloadIsNoImageOrEndsInItsHeader() {
        // Given text, and a PNG cut within its IHDR chunk
        String text = "data:text/plain;base64," + Base64.getEncoder().encodeToString("hi there".getBytes());
        byte[] png = TestImages.write("png", 5, 7);
        String cut = "data:image/png;base64," + Base64.getEncoder().encodeToString(Arrays.copyOf(png, 20));

        // When / Then
        assertThatThrownBy(() -> DataUrl.imageSize(text)).isInstanceOf(UnreadableImageException.class)
                .hasMessageStartingWith("cannot identify image file");
        assertThatThrownBy(() -> DataUrl.imageSize(cut)).isInstanceOf(UnreadableImageException.class);
    }

    @Test
    void shouldReadOnlyThePrefixWhenTheGatewayAsksForTheHeaderSize() throws Exception {
        // Given a large PNG with a broken character far past its header, a JPEG whose header lies beyond 64 KiB,
        // a percent-encoded image, and text
        String payload = Base64.getEncoder().encodeToString(Arrays.copyOf(TestImages.write("png", 640, 480), 1 << 20));
        String broken = "data:image/png;base64," + payload.substring(0, 500_000) + "*" + payload.substring(500_001);
        byte[] jpeg = TestImages.withApp1(TestImages.withApp1(TestImages.write("jpg", 300, 200), 65_000), 65_000);
        String lateHeader = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
        String text = "data:text/plain;base64," + Base64.getEncoder().encodeToString("hi there".getBytes());

        // When / Then the header's size, without judging the rest (the engine does); null past the prefix
        assertThat(DataUrl.headerSize(broken)).isEqualTo(new ImageSize(640, 480));
        assertThat(DataUrl.headerSize(lateHeader)).isNull();
        assertThat(DataUrl.headerSize("data:image/png," + "%89PNG")).isNull();
        assertThat(DataUrl.headerSize("data:image/png;base64," + Base64.getEncoder().encodeToString(
                TestImages.write("gif", 3, 4)))).isEqualTo(new ImageSize(3, 4));
        assertThatThrownBy(() -> DataUrl.headerSize(text)).isInstanceOf(UnreadableImageException.class);
        assertThatThrownBy(() -> DataUrl.headerSize("https://example.com/a.png"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
