package io.ascendgw.gateway.sim.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReasoningSplitterTest {

    private static final String TEXT = "Let me think. The user wants a city" + ThinkingText.END + "Hangzhou is lovely.";

    @Test
    void shouldSplitAWholeAnswerAtTheEndOfTheThinking() {
        // When whole answers are split: thinking and answer, thinking cut short, nothing but an answer after it
        ReasoningSplitter.Split both = ReasoningSplitter.whole(TEXT);
        ReasoningSplitter.Split cut = ReasoningSplitter.whole("Let me think");
        ReasoningSplitter.Split noAnswer = ReasoningSplitter.whole("Hmm" + ThinkingText.END);

        // Then
        assertThat(both).isEqualTo(new ReasoningSplitter.Split("Let me think. The user wants a city",
                "Hangzhou is lovely."));
        assertThat(cut).isEqualTo(new ReasoningSplitter.Split("Let me think", null));
        assertThat(noAnswer).isEqualTo(new ReasoningSplitter.Split("Hmm", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 11})
    void shouldGiveTheSamePartsWhenTheTextComesInPiecesCutAnywhere(int pieceLength) {
        // Given the answer in pieces that cut the end marker anywhere
        ReasoningSplitter splitter = new ReasoningSplitter();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();

        // When the pieces are parsed in order
        for (int at = 0; at < TEXT.length(); at += pieceLength) {
            boolean last = at + pieceLength >= TEXT.length();
            ReasoningSplitter.Split part = splitter.next(TEXT.substring(at, Math.min(TEXT.length(),
                    at + pieceLength)), last);
            // Then no piece ever shows part of the marker, and no thinking comes after the answer started
            assertThat(part.reasoning() + part.content()).doesNotContain("<", ">", "/think");
            if (content.length() > 0) {
                assertThat(part.reasoning()).isEmpty();
            }
            reasoning.append(part.reasoning());
            content.append(part.content());
        }

        // And together they are the whole answer's parts
        assertThat(reasoning.toString()).isEqualTo(ReasoningSplitter.whole(TEXT).reasoning());
        assertThat(content.toString()).isEqualTo(ReasoningSplitter.whole(TEXT).content());
    }

    @Test
    void shouldFlushWhatLooksLikeTheMarkerWhenTheStreamEndsWithoutIt() {
        // Given thinking that ends (max_tokens) on what could begin the marker
        ReasoningSplitter splitter = new ReasoningSplitter();

        // When the pieces come, the last one flagged
        ReasoningSplitter.Split held = splitter.next("so\n</th", false);
        ReasoningSplitter.Split flushed = splitter.next("", true);

        // Then what might have been the marker waits, and is thinking in the end
        assertThat(held).isEqualTo(new ReasoningSplitter.Split("so", ""));
        assertThat(flushed).isEqualTo(new ReasoningSplitter.Split("\n</th", ""));
    }
}
