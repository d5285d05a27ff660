package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.PlacedBytes;
import io.vertx.core.buffer.Buffer;

class ResponseIdsTest {

    @Test
    void shouldTakeTheFirstIdOfAResponseObjectOrOfTheEventCarryingIt() {
        Buffer whole = Buffer.buffer("{\"id\":\"resp_ab12\",\"output\":[{\"id\":\"msg_1\"}]}");
        Buffer event = Buffer.buffer("event: response.completed\ndata: {\"response\":{\"id\":\"resp_cd34\","
                + "\"output\":[]},\"sequence_number\":9,\"type\":\"response.completed\"}\n\n");
        assertThat(ResponseIds.find(whole, 0, whole.length())).isEqualTo("resp_ab12");
        assertThat(ResponseIds.find(event, 0, event.length())).isEqualTo("resp_cd34");
    }

    @Test
    void shouldTakeNothingThatIsNotAResponseId() {
        for (String body : new String[] {"{\"output\":[{\"id\":\"msg_1\"}]}", "{\"object\":\"response\"}",
            "{\"id\":\"resp_unterminated", "{\"id\":\"resp_\\\"x\"}", "{\"id\":42}"}) {
            Buffer bytes = Buffer.buffer(body);
            assertThat(ResponseIds.find(bytes, 0, bytes.length())).as(body).isNull();
        }
    }

    @Test
    void shouldReadOnlyTheGivenRangeWhereverItsBytesLie() {
        String first = "{\"id\":\"resp_first\"}";
        byte[] bytes = (first + "{\"id\":\"resp_second\"}").getBytes(StandardCharsets.US_ASCII);
        for (Buffer buffer : PlacedBytes.atAnOffsetAndOffHeap(bytes, (byte) '}')) {
            assertThat(ResponseIds.find(buffer, first.length(), bytes.length)).isEqualTo("resp_second");
            assertThat(ResponseIds.find(buffer, 0, 10)).isNull();
        }
    }
}
