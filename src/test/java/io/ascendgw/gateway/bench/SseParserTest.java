package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseParserTest {

    private final SseParser parser = new SseParser();
    private final List<String> events = new ArrayList<>();
    private final SseParser.Listener collect = (data, length) ->
            events.add(new String(data, 0, length, StandardCharsets.UTF_8));

    private void feed(String... parts) {
        for (String part : parts) {
            parser.feed(Buffer.buffer(part), collect);
        }
    }

    @Test
    void shouldAssembleEventWhenSplitOverThreeBuffers() {
        // Given an event cut inside "data:", inside the JSON, and between the two newlines
        // When
        feed("da", "ta: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n", "\n");

        // Then exactly one event with the whole payload
        assertThat(events).containsExactly("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");
    }

    @Test
    void shouldDispatchEachEventWhenSeveralArriveInOneBuffer() {
        // When
        feed("data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n");

        // Then
        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
    }

    @Test
    void shouldHoldBackIncompleteEventUntilBlankLineArrives() {
        // When
        feed("data: {\"a\":1}\n");

        // Then nothing yet; the blank line completes it
        assertThat(events).isEmpty();
        feed("\n");
        assertThat(events).containsExactly("{\"a\":1}");
    }

    @Test
    void shouldPassInBandErrorEventThroughUnchanged() {
        // Given vLLM's in-band error (json.dumps spacing) followed by [DONE]
        String error = "{\"error\": {\"object\": \"error\", \"message\": \"bad\", \"code\": 400}}";

        // When
        feed("data: " + error + "\n\ndata: [DONE]\n\n");

        // Then
        assertThat(events).containsExactly(error, "[DONE]");
    }

    @Test
    void shouldHandleCrLfCommentsOtherFieldsAndMultiLineData() {
        // When
        feed(": keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata: line1\r\ndata:line2\r\n\r\n");

        // Then the comment block yields nothing, the data lines join with LF, and "data:" without space is read
        assertThat(events).containsExactly("line1\nline2");
    }

    @Test
    void shouldDispatchFinalDataLineWithoutBlankLineWhenStreamEnds() {
        // Given
        feed("data: {\"a\":1}\n\ndata: [DONE]\n");

        // When
        parser.finish(collect);

        // Then
        assertThat(events).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void shouldYieldSameEventsForEverySplitOfRealStream() throws IOException {
        // Given a recorded vLLM chat stream
        byte[] stream = fixture("fixtures/sse/chat-completion-stream.txt");
        List<String> expected = parseWhole(stream);
        assertThat(expected).hasSize(11).last().isEqualTo("[DONE]");

        // When it is cut at every position into two pieces, and randomly into many pieces
        for (int cut = 0; cut <= stream.length; cut++) {
            SseParser p = new SseParser();
            List<String> got = new ArrayList<>();
            SseParser.Listener l = (d, n) -> got.add(new String(d, 0, n, StandardCharsets.UTF_8));
            p.feed(stream, 0, cut, l);
            p.feed(stream, cut, stream.length - cut, l);
            // Then the events are the same
            assertThat(got).as("cut at %d", cut).isEqualTo(expected);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            SseParser p = new SseParser();
            List<String> got = new ArrayList<>();
            SseParser.Listener l = (d, n) -> got.add(new String(d, 0, n, StandardCharsets.UTF_8));
            int at = 0;
            while (at < stream.length) {
                int size = Math.min(stream.length - at, 1 + random.nextInt(40));
                p.feed(stream, at, size, l);
                at += size;
            }
            assertThat(got).isEqualTo(expected);
        }
    }

    @Test
    void shouldStartCleanAfterReset() {
        // Given a half event
        feed("data: {\"stale\"");

        // When
        parser.reset();
        feed("data: {\"fresh\":1}\n\n");

        // Then
        assertThat(events).containsExactly("{\"fresh\":1}");
    }

    private static List<String> parseWhole(byte[] stream) {
        List<String> result = new ArrayList<>();
        for (String block : new String(stream, StandardCharsets.UTF_8).split("\n\n")) {
            if (block.startsWith("data: ")) {
                result.add(block.substring("data: ".length()));
            }
        }
        return result;
    }

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = SseParserTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
