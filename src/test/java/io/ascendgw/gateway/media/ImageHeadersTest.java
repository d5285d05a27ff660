package io.ascendgw.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
    void shouldReadTheSizeWhenTheImageWasWrittenByImageIo(String format) throws Exception {
        // Given a real 37x23 image
        byte[] image = TestImages.write(format, 37, 23);

        // When
        ImageSize size = ImageHeaders.read(image, image.length);

        // Then
        assertThat(size).isEqualTo(new ImageSize(37, 23));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
    void shouldAnswerNullForEveryPrefixShorterThanTheHeaderWhenTheImageIsTruncated(String format) throws Exception {
        // Given
        byte[] image = TestImages.write(format, 37, 23);

        // When / Then every prefix either is too short (null) or tells the size, and once it tells it, it keeps it
        assertPrefixesEndInSize(image, new ImageSize(37, 23));
    }

    @Test
    void shouldSkipApplicationSegmentsWhenAJpegCarriesLargeExifBeforeItsFrame() throws Exception {
        // Given a JPEG whose SOF follows a 60,000-byte APP1 segment
        byte[] jpeg = TestImages.withApp1(TestImages.write("jpg", 640, 480), 60_000);

        // When
        ImageSize size = ImageHeaders.read(jpeg, jpeg.length);

        // Then
        assertThat(size).isEqualTo(new ImageSize(640, 480));
        assertThat(ImageHeaders.read(jpeg, 60_000)).as("a prefix ending inside the EXIF segment").isNull();
    }

    @Test
    void shouldReadTheThreeWebpVariantsWhenTheirHeadersAreHandBuilt() throws Exception {
        // Given / When / Then
        byte[] lossy = TestImages.webpLossy(1000, 563);
        byte[] lossless = TestImages.webpLossless(16383, 1);
        byte[] extended = TestImages.webpExtended(20000, 3);
        assertThat(ImageHeaders.read(lossy, lossy.length)).isEqualTo(new ImageSize(1000, 563));
        assertThat(ImageHeaders.read(lossless, lossless.length)).isEqualTo(new ImageSize(16383, 1));
        assertThat(ImageHeaders.read(extended, extended.length)).isEqualTo(new ImageSize(20000, 3));
        assertPrefixesEndInSize(lossy, new ImageSize(1000, 563));
        assertPrefixesEndInSize(lossless, new ImageSize(16383, 1));
        assertPrefixesEndInSize(extended, new ImageSize(20000, 3));
    }

    @Test
    void shouldTakeTheAbsoluteHeightWhenABmpIsStoredTopDown() throws Exception {
        // Given a BMP whose info header states height -23 (rows top-down)
        byte[] bmp = TestImages.write("bmp", 37, 23);
        int negative = -23;
        for (int i = 0; i < 4; i++) {
            bmp[22 + i] = (byte) (negative >>> (8 * i));
        }

        // When / Then
        assertThat(ImageHeaders.read(bmp, bmp.length)).isEqualTo(new ImageSize(37, 23));
    }

    @Test
    void shouldRefuseWhenTheBytesAreNoImageItKnows() {
        // Given text, a RIFF that is WAVE, a PNG signature without IHDR, a JPEG that scans before any frame
        byte[] text = "hello, world".getBytes(StandardCharsets.US_ASCII);
        byte[] wave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
        byte[] png = TestImages.write("png", 4, 4);
        png[12] = 'J';
        byte[] scanFirst = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 8, 1, 2, 3, 4, 5, 6};

        // When / Then
        for (byte[] bytes : new byte[][] {text, wave, png, scanFirst}) {
            assertThatThrownBy(() -> ImageHeaders.read(bytes, bytes.length))
                    .isInstanceOf(UnreadableImageException.class)
                    .hasMessageStartingWith("cannot identify image file");
        }
    }

    @Test
    void shouldReadOnlyTheGivenLengthWhenTheArrayIsLonger() throws Exception {
        // Given a PNG in a larger buffer, and a length that cuts it before IHDR's size fields
        byte[] png = Arrays.copyOf(TestImages.write("png", 37, 23), 4096);

        // When / Then
        assertThat(ImageHeaders.read(png, 20)).isNull();
        assertThat(ImageHeaders.read(png, 24)).isEqualTo(new ImageSize(37, 23));
    }

    private static void assertPrefixesEndInSize(byte[] image, ImageSize expected) throws UnreadableImageException {
        int firstComplete = -1;
        for (int n = 0; n <= image.length; n++) {
            ImageSize size = ImageHeaders.read(image, n);
            if (firstComplete < 0 && size != null) {
                firstComplete = n;
            }
            if (firstComplete >= 0) {
                assertThat(size).as("prefix of %d bytes", n).isEqualTo(expected);
            }
        }
        assertThat(firstComplete).as("bytes needed for the header").isBetween(10, 1024);
    }
}
