package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.Fixtures;
import io.ascendgw.gateway.testing.PlacedBytes;
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
    void shouldReadTheResponsesApiNaming() {
        Buffer body = Buffer.buffer("{\"id\":\"resp_1\",\"output\":[],\"usage\":{\"input_tokens\":21,"
                + "\"input_tokens_details\":{\"cached_tokens\":16},\"output_tokens\":5,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":26},\"user\":null}");
        assertThat(UsageScanner.find(body, 0, body.length())).isEqualTo(new Usage(21, 5, 16));
    }

    @Test
    void shouldTakeATotalAloneAsInputTokensAndNothingAsNoUsage() {
        // vLLM's rerank before 0.11 reports only a total
        Buffer total = Buffer.buffer("{\"id\":\"rerank-1\",\"usage\":{\"total_tokens\":12},\"results\":[]}");
        Buffer none = Buffer.buffer("{\"usage\":{\"other\":1}}");
        assertThat(UsageScanner.find(total, 0, total.length())).isEqualTo(new Usage(12, 0, -1));
        assertThat(UsageScanner.find(none, 0, none.length())).isNull();
    }

    @Test
    void shouldReadOnlyTheGivenEventWhereverItsBytesLie() {
        // Given two usage events, the second one asked for, in a buffer at an offset of a larger array and off-heap
        String first = "data: {\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n";
        String second = "data: {\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":9}}\n\n";
        byte[] events = (first + second).getBytes(StandardCharsets.US_ASCII);

        // Then each gives the second event's usage
        for (Buffer buffer : PlacedBytes.atAnOffsetAndOffHeap(events, (byte) '9')) {
            assertThat(UsageScanner.find(buffer, first.length(), events.length)).isEqualTo(new Usage(7, 9, -1));
        }
    }

    @Test
    void shouldFindNothingWhenUsageIsNull() {
        Buffer body = Buffer.buffer("{\"choices\":[],\"usage\":null}");
        assertThat(UsageScanner.find(body, 0, body.length())).isNull();
    }
}
