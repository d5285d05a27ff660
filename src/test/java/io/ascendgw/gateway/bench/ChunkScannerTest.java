package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChunkScannerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> content={1}")
    @CsvSource(delimiter = '|', value = {
        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}|false",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The\"},\"finish_reason\":null}]}|true",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\": \"spaced\"}}]}|true",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"q\"}}]}|true",
        "{\"choices\":[{\"index\":0,\"delta\":{}}]}|false",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"think\"}}]}|true",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\"}}]}}]}|true",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\"}}]}}]}|false",
        "{\"choices\":[{\"index\":0,\"text\":\" city\",\"usage\":null}]}|true",
        "{\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}],\"usage\":null}|false",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":37,\"total_tokens\":45,\"completion_tokens\":8}}|false",
        "{\"type\":\"text\",\"choices\":[]}|false",
    })
    void shouldDetectNonEmptyContentWhenScanningChunk(String chunk, boolean expected) {
        // When / Then
        assertThat(ChunkScanner.hasContent(b(chunk), b(chunk).length)).isEqualTo(expected);
    }

    @Test
    void shouldReadUsageCountsWhenUsageObjectPresent() {
        // Given vLLM's usage order (prompt, total, completion) and OpenAI's with details objects
        String vllm = "{\"choices\":[],\"usage\":{\"prompt_tokens\":37,\"total_tokens\":45,\"completion_tokens\":8}}";
        String openAi = "{\"usage\":{\"prompt_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":4},"
                + "\"completion_tokens\":300,\"total_tokens\":312}}";

        // When / Then
        assertThat(ChunkScanner.usage(b(vllm), b(vllm).length)).isEqualTo(new ChunkScanner.Usage(37, 8));
        assertThat(ChunkScanner.usage(b(openAi), b(openAi).length)).isEqualTo(new ChunkScanner.Usage(12, 300));
    }

    @Test
    void shouldReportNoUsageWhenUsageIsNullOrAbsent() {
        String nullUsage = "{\"choices\":[{\"text\":\"x\"}],\"usage\":null}";
        String none = "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}";

        assertThat(ChunkScanner.usage(b(nullUsage), b(nullUsage).length)).isNull();
        assertThat(ChunkScanner.usage(b(none), b(none).length)).isNull();
    }

    @Test
    void shouldRecognizeDoneAndInBandErrorOnly() {
        String error = " {\"error\": {\"object\": \"error\", \"message\": \"x\"}}";
        String chunkMentioningError = "{\"choices\":[{\"delta\":{\"content\":\"error\"}}]}";

        assertThat(ChunkScanner.isDone(b("[DONE]"), 6)).isTrue();
        assertThat(ChunkScanner.isDone(b(" [DONE] "), 8)).isTrue();
        assertThat(ChunkScanner.isDone(b("[DONE]x"), 7)).isFalse();
        assertThat(ChunkScanner.isError(b(error), b(error).length)).isTrue();
        assertThat(ChunkScanner.isError(b(chunkMentioningError), b(chunkMentioningError).length)).isFalse();
    }

    @Test
    void shouldOnlyLookAtValidLengthOfReusedArray() {
        // Given a reused array whose tail holds an old, longer payload
        byte[] data = b("{\"content\":\"\"}{\"content\":\"stale\"}");

        // When only the first object is valid
        // Then
        assertThat(ChunkScanner.hasContent(data, 14)).isFalse();
    }
}
