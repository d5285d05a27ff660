package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.Fixtures;
import io.ascendgw.gateway.testing.PlacedBytes;
import io.vertx.core.buffer.Buffer;

class SseRelayTest {

    private static final String STREAM = Fixtures.text("vllm/chat-completion-stream.txt");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 50, 333, 100000})
    void shouldForwardExactBytesAndOnlyWholeEventsWhenSplitAnywhere(int pieceSize) {
        // Given a recorded vLLM stream cut into pieces of any size
        SseRelay relay = new SseRelay(false, false, (nanos, count) -> {
        });
        StringBuilder forwarded = new StringBuilder();
        // When each piece passes the relay
        for (int i = 0; i < STREAM.length(); i += pieceSize) {
            Buffer out = relay.process(Buffer.buffer(STREAM.substring(i, Math.min(STREAM.length(), i + pieceSize))));
            String text = out.toString();
            // Then every forwarded chunk ends on an event boundary
            assertThat(text.isEmpty() || text.endsWith("\n\n")).as(text).isTrue();
            forwarded.append(text);
        }
        assertThat(forwarded.toString()).isEqualTo(STREAM);
        assertThat(relay.done()).isTrue();
        assertThat(relay.usage()).isEqualTo(new Usage(37, 8, -1));
        // role chunk + 7 content chunks + EOS chunk
        assertThat(relay.events()).isEqualTo(9);
    }

    @Test
    void shouldReadEventsWhereverTheBufferHoldsThem() {
        // Given the stream at an offset of a larger array of newlines, and off-heap
        for (Buffer placed : PlacedBytes.atAnOffsetAndOffHeap(STREAM.getBytes(StandardCharsets.UTF_8), (byte) '\n')) {
            List<Integer> counts = new ArrayList<>();
            SseRelay relay = new SseRelay(true, false, (nanos, count) -> counts.add(count));
            // When it passes the relay
            String forwarded = relay.process(placed).toString();
            // Then the same events are seen as in a buffer of its own, and none of the surrounding newlines
            assertThat(counts).containsExactly(9);
            assertThat(relay.usage()).isEqualTo(new Usage(37, 8, -1));
            assertThat(relay.done()).isTrue();
            assertThat(forwarded).isEqualTo(STREAM.replace(usageEvent(), ""));
        }
    }

    @Test
    void shouldDropTheUsageChunkWhenTheGatewayAskedForIt() {
        // Given a relay for a client that did not ask for usage
        List<Integer> eventCounts = new ArrayList<>();
        SseRelay relay = new SseRelay(true, false, (nanos, count) -> eventCounts.add(count));
        // When the stream passes
        String forwarded = relay.process(Buffer.buffer(STREAM)).toString();
        // Then the usage chunk is gone, everything else is intact, and usage is still known
        assertThat(forwarded).doesNotContain("\"usage\"").contains("data: [DONE]\n\n");
        assertThat(forwarded.length()).isEqualTo(STREAM.length() - usageEvent().length());
        assertThat(relay.usage().completionTokens()).isEqualTo(8);
        assertThat(eventCounts).containsExactly(9);
    }

    @Test
    void shouldReportTheContentEventsOfEachForwardedPieceOnceWithTheirCount() {
        // Given a stream whose events arrive as 2, 0 (half an event), then the rest
        List<Integer> counts = new ArrayList<>();
        SseRelay relay = new SseRelay(false, false, (nanos, count) -> counts.add(count));
        String[] events = STREAM.split("(?<=\n\n)");
        String firstTwo = events[0] + events[1];
        String half = events[2].substring(0, 10);
        // When
        relay.process(Buffer.buffer(firstTwo));
        relay.process(Buffer.buffer(half));
        relay.process(Buffer.buffer(STREAM.substring(firstTwo.length() + half.length())));
        // Then one report per piece that completed content events; usage and [DONE] are not content
        assertThat(counts).containsExactly(2, 7);
        assertThat(relay.events()).isEqualTo(9);
        assertThat(relay.done()).isTrue();
    }

    @Test
    void shouldNoticeAnInBandErrorEvent() {
        SseRelay relay = new SseRelay(false, false, (nanos, count) -> {
        });
        relay.process(Buffer.buffer("data: {\"error\": {\"message\": \"boom\", \"code\": 400}}\n\ndata: [DONE]\n\n"));
        assertThat(relay.sawError()).isTrue();
        assertThat(relay.done()).isTrue();
        assertThat(relay.events()).isZero();
    }

    @Test
    void shouldTakeTinyAndUnusualEventsAsContentWithoutReadingPastThem() {
        // Given events shorter than the markers looked for, a comment, and a [DONE] cut short by the stream's end
        SseRelay relay = new SseRelay(false, false, (nanos, count) -> {
        });
        String events = "data: {}\n\n: keep-alive\n\ndata:\n\ndata: {\"e\"}\n\n";
        // When they pass, one byte at a time and then as a whole
        StringBuilder forwarded = new StringBuilder();
        for (char c : events.toCharArray()) {
            forwarded.append(relay.process(Buffer.buffer(String.valueOf(c))));
        }
        SseRelay whole = new SseRelay(false, false, (nanos, count) -> {
        });
        whole.process(Buffer.buffer(events + "data: [DON"));
        // Then all are forwarded and counted as content; nothing is taken for [DONE] or an error
        assertThat(forwarded.toString()).isEqualTo(events);
        assertThat(relay.events()).isEqualTo(4);
        assertThat(whole.events()).isEqualTo(4);
        assertThat(whole.done()).isFalse();
        assertThat(whole.sawError()).isFalse();
        assertThat(whole.remainder().toString()).isEqualTo("data: [DON");
    }

    @Test
    void shouldKeepAnUnfinishedEventAsRemainder() {
        SseRelay relay = new SseRelay(false, false, (nanos, count) -> {
        });
        Buffer out = relay.process(Buffer.buffer("data: {\"a\":1}\n\ndata: {\"b\""));
        assertThat(out.toString()).isEqualTo("data: {\"a\":1}\n\n");
        assertThat(relay.remainder().toString()).isEqualTo("data: {\"b\"");
        assertThat(relay.done()).isFalse();
    }

    /** A Responses API stream as vLLM sends it (typed events, no [DONE]), shortened to its distinct events. */
    private static final String TYPED = "event: response.created\ndata: {\"response\":{\"id\":\"resp_1\","
            + "\"status\":\"in_progress\",\"usage\":null},\"sequence_number\":0,\"type\":\"response.created\"}\n\n"
            + "event: response.output_item.added\ndata: {\"item\":{\"id\":\"i\",\"content\":[]},\"output_index\":0,"
            + "\"sequence_number\":1,\"type\":\"response.output_item.added\"}\n\n"
            + "event: response.output_text.delta\ndata: {\"content_index\":1,\"delta\":\"Hello\",\"sequence_number\":2,"
            + "\"type\":\"response.output_text.delta\"}\n\n"
            + "event: response.output_text.delta\ndata: {\"content_index\":2,\"delta\":\" there\",\"sequence_number\":3,"
            + "\"type\":\"response.output_text.delta\"}\n\n"
            + "event: response.output_text.done\ndata: {\"text\":\"Hello there\",\"sequence_number\":4,"
            + "\"type\":\"response.output_text.done\"}\n\n"
            + "event: response.completed\ndata: {\"response\":{\"id\":\"resp_1\",\"status\":\"completed\","
            + "\"usage\":{\"input_tokens\":14,\"input_tokens_details\":{\"cached_tokens\":8},\"output_tokens\":2,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":16},\"user\":null},"
            + "\"sequence_number\":5,\"type\":\"response.completed\"}\n\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 40, 100000})
    void shouldEndATypedStreamAtResponseCompletedCountingOnlyDeltasAsContent(int pieceSize) {
        // Given a Responses API stream cut into pieces of any size
        List<Integer> counts = new ArrayList<>();
        SseRelay relay = new SseRelay(false, true, (nanos, count) -> counts.add(count));
        StringBuilder forwarded = new StringBuilder();

        // When each piece passes the relay
        for (int i = 0; i < TYPED.length(); i += pieceSize) {
            assertThat(relay.done()).isFalse();
            forwarded.append(relay.process(Buffer.buffer(TYPED.substring(i, Math.min(TYPED.length(), i + pieceSize)))));
        }

        // Then the bytes pass unchanged, the last event ends it with its usage, and the two deltas are the content
        assertThat(forwarded.toString()).isEqualTo(TYPED);
        assertThat(relay.done()).isTrue();
        assertThat(relay.sawError()).isFalse();
        assertThat(relay.usage()).isEqualTo(new Usage(14, 2, 8));
        assertThat(relay.responseId()).isEqualTo("resp_1");
        assertThat(relay.events()).isEqualTo(2);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void shouldTellTypedErrorsAndFailuresFromEventsNamedAlike() {
        // Given events whose types only start or end like the ones that matter
        SseRelay relay = new SseRelay(false, true, (nanos, count) -> {
        });
        relay.process(Buffer.buffer("event: errors\ndata: {}\n\nevent: response.completed_late\ndata: {}\n\n"
                + "data: {\"no\":\"type\"}\n\nevent: response.delta_x\ndata: {}\n\n"));
        assertThat(relay.sawError()).isFalse();
        assertThat(relay.done()).isFalse();
        assertThat(relay.events()).isZero();

        // When an error event and then a failed response come
        relay.process(Buffer.buffer("event: error\ndata: {\"type\":\"error\",\"message\":\"boom\"}\n\n"));
        assertThat(relay.sawError()).isTrue();
        relay.process(Buffer.buffer("event: response.failed\ndata: {\"response\":{\"usage\":null}}\n\n"));

        // Then the failed response ends the stream, without usage
        assertThat(relay.done()).isTrue();
        assertThat(relay.usage()).isNull();
    }

    private static String usageEvent() {
        for (String event : STREAM.split("\n\n")) {
            if (event.contains("\"usage\"")) {
                return event + "\n\n";
            }
        }
        throw new AssertionError("fixture has no usage event");
    }
}
