package io.ascendgw.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.sim.images.VisionSettings;

class VisionArgsTest {

    private static VisionSettings vision(Map<String, String> env, String... args) {
        return SimArgsParser.parse(List.of(args), env).vllm().vision();
    }

    private static VisionSettings vision(String... args) {
        return vision(Map.of(), args);
    }

    @ParameterizedTest
    @CsvSource({"Qwen/Qwen2.5-VL-7B-Instruct, true", "/models/qwen2-vl-2b, true", "OpenGVLab/InternVL2-8B, true",
        "llava-hf/llava-1.5-7b-hf, true", "openbmb/MiniCPM-V-2_6, true", "THUDM/glm-4v-9b, true",
        "Qwen/QVQ-72B-Preview, true", "mistralai/Pixtral-12B-2409, true", "meta-llama/Llama-3.2-11B-Vision, true",
        "my-qwenvl, true", "Qwen/Qwen2.5-3B-Instruct, false", "facebook/opt-125m, false", "evolve-7b, false"})
    void shouldTellVisionLanguageModelsByNameWhenNoFlagSaysOtherwise(String model, boolean multimodal) {
        assertThat(vision("--model", model).multimodal()).isEqualTo(multimodal);
    }

    @Test
    void shouldTakeTheFlagOverTheNameAndLookAtServedNamesToo() {
        assertThat(vision("--model", "Qwen/Qwen2.5-VL-7B-Instruct", "--sim-multimodal", "false").multimodal())
                .isFalse();
        assertThat(vision("--model", "/models/m", "--sim-multimodal", "true").multimodal()).isTrue();
        assertThat(vision("--model", "/models/m", "--served-model-name", "chat", "qwen2.5-vl").multimodal()).isTrue();
        assertThatThrownBy(() -> vision("--sim-multimodal", "yes")).isInstanceOf(SimArgsException.class)
                .hasMessage("argument --sim-multimodal: invalid choice: 'yes' (choose from 'true', 'false')");
    }

    @Test
    void shouldParseTheImageLimitAsJsonWhenTheVersionIsV1() {
        assertThat(vision().imageLimit()).isEqualTo(999);
        assertThat(vision("--limit-mm-per-prompt", "{\"image\": 2, \"video\": 1}").imageLimit()).isEqualTo(2);
        assertThat(vision("--limit-mm-per-prompt", "{\"image\": {\"count\": 3, \"width\": 512}}").imageLimit())
                .isEqualTo(3);
        assertThat(vision("--limit-mm-per-prompt", "{\"video\": 0}").imageLimit()).isEqualTo(999);
        assertThatThrownBy(() -> vision("--limit-mm-per-prompt", "image=2")).isInstanceOf(SimArgsException.class)
                .hasMessageStartingWith("argument --limit-mm-per-prompt: Value image=2 cannot be converted to "
                        + "<function loads at 0x");
    }

    @Test
    void shouldParseTheImageLimitAsKeyValuesWhenTheVersionIs073() {
        assertThat(vision("--sim-vllm-version", "0.7.3").imageLimit()).isEqualTo(1);
        assertThat(vision("--sim-vllm-version", "0.7.3", "--limit-mm-per-prompt", "image=4,video=1").imageLimit())
                .isEqualTo(4);
        assertThat(vision("--sim-vllm-version", "0.7.3", "--limit-mm-per-prompt", " IMAGE = 2 ").imageLimit())
                .isEqualTo(2);
        assertThatThrownBy(() -> vision("--sim-vllm-version", "0.7.3", "--limit-mm-per-prompt", "{\"image\": 2}"))
                .isInstanceOf(SimArgsException.class)
                .hasMessage("argument --limit-mm-per-prompt: Each item should be in the form KEY=VALUE");
        assertThatThrownBy(() -> vision("--sim-vllm-version", "0.7.3", "--limit-mm-per-prompt", "image=two"))
                .hasMessage("argument --limit-mm-per-prompt: Failed to parse value of item image=two");
        assertThatThrownBy(() -> vision("--sim-vllm-version", "0.7.3", "--limit-mm-per-prompt", "image=1,image=2"))
                .hasMessage("argument --limit-mm-per-prompt: Conflicting values specified for key: image");
    }

    @Test
    void shouldReadTheFetchTimeoutRedirectsAndLocalPathWhenGiven() {
        // Given / When
        VisionSettings defaults = vision();
        VisionSettings set = vision(Map.of("VLLM_IMAGE_FETCH_TIMEOUT", "2", "VLLM_MEDIA_URL_ALLOW_REDIRECTS", "0"),
                "--allowed-local-media-path", "/srv/images");

        // Then
        assertThat(defaults.fetchTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.followRedirects()).isTrue();
        assertThat(defaults.allowedLocalMediaPath()).isNull();
        assertThat(set.fetchTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.followRedirects()).isFalse();
        assertThat(set.allowedLocalMediaPath()).isEqualTo(Path.of("/srv/images"));
    }

    @Test
    void shouldListTheVisionFlagsInTheHelpText() {
        assertThat(SimUsage.text()).contains("--sim-multimodal", "--limit-mm-per-prompt",
                "--allowed-local-media-path");
    }
}
