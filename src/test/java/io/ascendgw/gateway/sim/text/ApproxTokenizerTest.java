package io.ascendgw.gateway.sim.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApproxTokenizerTest {

    @ParameterizedTest
    @CsvSource({"'',0", "a,1", "abcd,1", "abcde,2", "Zürich,2", "北京大学,3", "'😀😀',2"})
    void shouldCountOneTokenPerFourUtf8BytesRoundedUpWhenCountingText(String text, int tokens) {
        assertThat(ApproxTokenizer.countTokens(text)).isEqualTo(tokens);
        assertThat(ApproxTokenizer.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldRenderChatMlWithGenerationPromptWhenRenderingMessages() {
        // Given
        List<ChatRenderer.Message> messages = List.of(new ChatRenderer.Message("system", "Be brief."),
                new ChatRenderer.Message("user", "Hi"));

        // When
        String prompt = ChatRenderer.render(messages, true);

        // Then
        assertThat(prompt).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n");
        assertThat(ChatRenderer.render(messages, false)).doesNotEndWith("<|im_start|>assistant\n");
    }

    @Test
    void shouldShareBlockHashesExactlyOverTheCommonPrefixWhenPromptsDiverge() {
        // Given two prompts sharing 3 full blocks of 4 tokens (48 bytes), then differing
        String common = "x".repeat(48);
        byte[] a = (common + "a".repeat(40)).getBytes(StandardCharsets.UTF_8);
        byte[] b = (common + "b".repeat(40)).getBytes(StandardCharsets.UTF_8);

        // When
        long[] ha = BlockHasher.ofBytes(a, 4);
        long[] hb = BlockHasher.ofBytes(b, 4);

        // Then 88 bytes = 22 tokens = 5 full blocks each; the first three agree, the rest do not
        assertThat(ha).hasSize(5);
        assertThat(hb).hasSize(5);
        for (int i = 0; i < 3; i++) {
            assertThat(ha[i]).isEqualTo(hb[i]);
        }
        assertThat(ha[3]).isNotEqualTo(hb[3]);
        assertThat(ha[4]).isNotEqualTo(hb[4]);
    }

    @Test
    void shouldChainHashesSoEqualBlocksAfterDifferentPrefixesDifferWhenHashing() {
        // Given the same second block after different first blocks
        byte[] a = ("a".repeat(16) + "z".repeat(16)).getBytes(StandardCharsets.UTF_8);
        byte[] b = ("b".repeat(16) + "z".repeat(16)).getBytes(StandardCharsets.UTF_8);

        // Then
        assertThat(BlockHasher.ofBytes(a, 4)[1]).isNotEqualTo(BlockHasher.ofBytes(b, 4)[1]);
    }
}
