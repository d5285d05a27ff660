package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.api.OpenAiException;
import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.config.SecurityConfig;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.testing.TestConfig;

class MediaUrlPolicyTest {

    private static final String INTERNAL = "http://169.254.169.254/latest/meta-data/";
    private static final String INLINE = "data:image/png;base64,iVBORw0KGgo=";

    /** {@code gateway.security} with only the media keys set, read through the configuration mapping. */
    private static SecurityConfig security(String mode, String... hosts) {
        return hosts.length == 0 ? TestConfig.of("gateway.security.media-urls", mode).security()
                : TestConfig.of("gateway.security.media-urls", mode, "gateway.security.media-url-hosts",
                        String.join(",", hosts)).security();
    }

    private static InferenceRequest chat(String part) {
        return TestEngines.parse(ApiEndpoint.CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"s\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"}," + part + "]}]}");
    }

    private static InferenceRequest picture(String url) {
        return chat("{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\"}}");
    }

    private static OpenAiError refusal(MediaUrlPolicy policy, InferenceRequest request) {
        try {
            policy.check(request);
        } catch (OpenAiException e) {
            return e.error();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void shouldPassEveryUrlToTheEnginesWhenMediaUrlsIsAny() {
        MediaUrlPolicy any = MediaUrlPolicy.from(security("any"));

        assertThatCode(() -> any.check(picture(INTERNAL))).doesNotThrowAnyException();
        assertThatCode(() -> any.check(picture("file:///etc/passwd"))).doesNotThrowAnyException();
    }

    @Test
    void shouldTakeOnlyInlineMediaWhenDataOnly() {
        // Given
        MediaUrlPolicy inline = MediaUrlPolicy.from(security("data-only"));

        // When / Then inline pictures and text pass, every fetched URL is refused, in chat, Responses and tokenize
        assertThatCode(() -> inline.check(picture(INLINE))).doesNotThrowAnyException();
        assertThatCode(() -> inline.check(TestEngines.parse(ApiEndpoint.CHAT,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))).doesNotThrowAnyException();
        OpenAiError error = refusal(inline, picture(INTERNAL));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("media_url_not_allowed");
        assertThat(error.param()).isEqualTo("messages");
        assertThat(error.message()).contains(INTERNAL).contains("inline only, as data: URLs");
        assertThat(refusal(inline, chat("{\"image_url\":\"https://cdn.example.com/a.png\"}")).code())
                .isEqualTo("media_url_not_allowed");
        assertThat(refusal(inline, chat("{\"type\":\"video_url\",\"video_url\":{\"url\":\"http://10.0.0.1/v.mp4\"}}"))
                .code()).isEqualTo("media_url_not_allowed");
        OpenAiError responses = refusal(inline, TestEngines.parse(ApiEndpoint.RESPONSES, "{\"model\":\"m\",\"input\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"" + INTERNAL + "\"}]}]}"));
        assertThat(responses.param()).isEqualTo("input");
        assertThat(refusal(inline, TestEngines.parse(ApiEndpoint.TOKENIZE, "{\"model\":\"m\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + INTERNAL + "\"}}]}]}"))
                .code()).isEqualTo("media_url_not_allowed");
    }

    @Test
    void shouldTakeListedHostsAndTheirDomainsOnlyWhenListedHosts() {
        // Given one host and one domain
        MediaUrlPolicy listed = MediaUrlPolicy.from(security("listed-hosts", "images.example.com", "*.oss.example"));

        // When / Then listed hosts (any case) and the domain's hosts pass, inline too
        for (String url : List.of("https://images.example.com/a.png", "http://IMAGES.example.com:8080/a.png?x=1",
                "https://bucket.oss.example/k.jpg", INLINE)) {
            assertThatCode(() -> listed.check(picture(url))).as(url).doesNotThrowAnyException();
        }
        // And the domain itself, other hosts, other schemes, a user-info disguise and garbage are refused
        for (String url : List.of("https://oss.example/k.jpg", INTERNAL, "http://127.0.0.1:8000/admin/engines",
                "file:///etc/passwd", "ftp://images.example.com/a.png", "http://images.example.com@10.0.0.1/a.png",
                "http://images.example.com:80:80/a.png", "https://evil-images.example.com.attacker.net/a.png")) {
            assertThat(refusal(listed, picture(url)).code()).as(url).isEqualTo("media_url_not_allowed");
        }
    }

    @Test
    void shouldRefuseToStartNamingTheKeyWhenThePolicyCannotApply() {
        assertThatThrownBy(() -> MediaUrlPolicy.from(security("none")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessage("gateway.security.media-urls must be any, data-only or listed-hosts, got 'none'");
        assertThatThrownBy(() -> MediaUrlPolicy.from(security("listed-hosts")))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("names no host");
        assertThatThrownBy(() -> MediaUrlPolicy.from(security("listed-hosts", "http://x.com/")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("gateway.security.media-url-hosts entry 'http://x.com/'");
    }
}
