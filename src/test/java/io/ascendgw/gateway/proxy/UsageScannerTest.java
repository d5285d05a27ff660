package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.Fixtures;
import io.vertx.core.buffer.Buffer;

class UsageScannerTest {

    @Test
    void shouldReadUsageOfANonStreamingAnswer() {
        Buffer body = Buffer.buffer(Fixtures.text("vllm/completion.json"));
        assertThat(UsageScanner.find(body, 0, body.length())).isEqualTo(new Usage(3, 16, -1));
    }

    @Test
    void shouldReadCachedTokensWhenReported() {
        Buffer body = Buffer.buffer("{\"usage\":{\"prompt_tokens\":40,\"total_tokens\":50,\"completion_tokens\":10,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}");
        assertThat(UsageScanner.find(body, 0, body.length())).isEqualTo(new Usage(40, 10, 32));
    }

    @Test
    void shouldFindNothingWhenUsageIsNull() {
        Buffer body = Buffer.buffer("{\"choices\":[],\"usage\":null}");
        assertThat(UsageScanner.find(body, 0, body.length())).isNull();
    }
}
