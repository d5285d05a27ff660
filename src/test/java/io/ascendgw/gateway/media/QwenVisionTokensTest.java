package io.ascendgw.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QwenVisionTokensTest {

    /** Expected values computed with transformers' smart_resize in Python (factor 28, 3136..12845056 pixels). */
    @ParameterizedTest(name = "{0}x{1} -> {2}")
    @CsvSource({
        "1024, 1024, 1369", // 1036 x 1036
        "1920, 1080, 2691", // rounds to 1932 x 1092
        "28, 28, 4", // below min_pixels: scaled up to 56 x 56
        "10, 10, 4",
        "42, 42, 4", // round(1.5) = 2: half to even
        "70, 70, 4", // round(2.5) = 2: half to even
        "37, 23, 6", // scaled up with ceil to 84 x 56
        "640, 480, 391",
        "4000, 3000, 15301", // 4004 x 2996 fits the budget unscaled
        "8000, 6000, 16170", // over max_pixels: scaled down with floor to 4116 x 3080
        "100000, 1000, 15360",
        "5600, 28, 200", // aspect ratio exactly 200 is allowed
        "5, 1000, 29"})
    void shouldCountTokensOfTheSmartResizedGridWhenGivenAnImageSize(int width, int height, int tokens) {
        assertThat(QwenVisionTokens.forImage(new ImageSize(width, height))).isEqualTo(tokens);
    }

    @ParameterizedTest
    @CsvSource({"5025, 25, 201.0", "24, 5000, 208.33333333333334"})
    void shouldRefuseWithQwensMessageWhenTheAspectRatioExceeds200(int width, int height, String ratio) {
        assertThatThrownBy(() -> QwenVisionTokens.forImage(new ImageSize(width, height)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("absolute aspect ratio must be smaller than 200, got " + ratio);
    }
}
