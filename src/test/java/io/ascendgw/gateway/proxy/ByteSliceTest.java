package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.testing.PlacedBytes;
import io.vertx.core.buffer.Buffer;

class ByteSliceTest {

    @Test
    void shouldFindTheFirstByteOfAValueAsAByteByByteSearchDoesForEveryRangeAndAlignment() {
        // Given arrays of few distinct values (so most words hold the value, several times or next to its neighbours,
        // and bytes with the high bit set, which the word-at-a-time test must not take for the value)
        Random random = new Random(7);
        byte[] alphabet = {'\n', '\n' + 1, '\n' - 1, (byte) 0x8A, (byte) 0x80, 0, (byte) 0xFF, 'a'};
        for (int trial = 0; trial < 200; trial++) {
            byte[] array = new byte[random.nextInt(40)];
            for (int i = 0; i < array.length; i++) {
                array[i] = alphabet[random.nextInt(random.nextBoolean() ? alphabet.length : 3)];
            }
            // When every value is searched for in every range
            for (byte value : alphabet) {
                for (int from = 0; from <= array.length; from++) {
                    for (int to = from; to <= array.length; to++) {
                        // Then the answer is the plain loop's
                        assertThat(ByteSlice.indexOf(array, from, to, value)).isEqualTo(naive(array, from, to, value));
                    }
                }
            }
        }
    }

    @Test
    void shouldReadTheSameBytesAtAnOffsetOfAHeapArrayAndOffHeap() {
        byte[] text = "data: {\"id\":\"resp_1\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
        for (Buffer buffer : PlacedBytes.atAnOffsetAndOffHeap(text, (byte) '\n')) {
            // Given the bytes at an offset of a larger array filled with newlines, or off-heap
            ByteSlice slice = ByteSlice.of(buffer);
            // Then indices are the region's: nothing of the filler is seen
            assertThat(slice.length()).isEqualTo(text.length);
            assertThat(slice.at(0)).isEqualTo((byte) 'd');
            assertThat(slice.indexOf(0, slice.length(), (byte) '\n')).isEqualTo(21);
            assertThat(slice.afterLastBlankLine()).isEqualTo(text.length);
            assertThat(slice.indexOf(0, slice.length(), "[DONE]".getBytes(StandardCharsets.US_ASCII))).isEqualTo(29);
            assertThat(slice.lastIndexOf(0, slice.length(), "data: ".getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo(23);
            assertThat(slice.startsWith(23, "data: [".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(slice.utf8(13, 19)).isEqualTo("resp_1");
            assertThat(ByteSlice.of(buffer.slice(0, 21)).afterLastBlankLine()).isEqualTo(-1);
        }
    }

    private static int naive(byte[] array, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
