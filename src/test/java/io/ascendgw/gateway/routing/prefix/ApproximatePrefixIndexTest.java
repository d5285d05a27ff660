package io.ascendgw.gateway.routing.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.TestEngines;

class ApproximatePrefixIndexTest {

    private final ApproximatePrefixIndex index = new ApproximatePrefixIndex();
    private final Engine a = TestEngines.ready("a");
    private final Engine b = TestEngines.ready("b");

    @Test
    void shouldMatchConsecutiveLeadingBlocksPerEngineWhenEnginesHoldDifferentPrefixes() {
        // Given a holds blocks 1,2,3 and b holds 1,2 and 9
        index.record(a, new long[] {1, 2, 3}, 100);
        index.record(b, new long[] {1, 2, 9}, 100);
        // When a request with blocks 1,2,3,4 is matched
        int[] matched = match(new long[] {1, 2, 3, 4});
        // Then a matches 3 leading blocks and b 2
        assertThat(matched).containsExactly(3, 2);
        // And a gap stops the count: b holds 9 but not 3
        assertThat(match(new long[] {1, 2, 3, 9})).containsExactly(3, 2);
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedBlocksWhenTheEngineCapacityIsExceeded() {
        // Given an engine that can hold 4 blocks, holding prefix P (1,2) then Q (3,4)
        index.record(a, new long[] {1, 2}, 4);
        index.record(a, new long[] {3, 4}, 4);
        // When P is used again and then R (5,6) arrives
        index.record(a, new long[] {1, 2}, 4);
        index.record(a, new long[] {5, 6}, 4);
        // Then Q, the least recently used, was evicted; P and R remain; the size is the capacity
        assertThat(match(new long[] {1, 2})[0]).isEqualTo(2);
        assertThat(match(new long[] {3, 4})[0]).isZero();
        assertThat(match(new long[] {5, 6})[0]).isEqualTo(2);
        assertThat(index.size("a")).isEqualTo(4);
    }

    @Test
    void shouldPushOutOldPrefixesWhenGeneratedBlocksAreCharged() {
        // Given an engine with room for 4 blocks holding 1,2
        index.record(a, new long[] {1, 2}, 4);
        // When 3 generated blocks are charged
        index.charge(a, 3, 4);
        // Then the oldest prompt block is gone and the chain breaks at the first block
        assertThat(match(new long[] {1, 2})[0]).isZero();
        assertThat(index.size("a")).isEqualTo(4);
    }

    @Test
    void shouldForgetEverythingAboutAnEngineWhenItIsCleared() {
        // Given both engines hold block 1
        index.record(a, new long[] {1, 2}, 10);
        index.record(b, new long[] {1, 2}, 10);
        // When a restarts (its entries are cleared)
        index.clear("a");
        // Then only b still matches
        assertThat(match(new long[] {1, 2})).containsExactly(0, 2);
        assertThat(index.size("a")).isZero();
        // And what a learns after its restart is indexed again
        index.record(a, new long[] {1}, 10);
        assertThat(match(new long[] {1, 2})).containsExactly(1, 2);
    }

    @Test
    void shouldIndexEveryEngineOfALargePool() {
        // Given 100 engines each recording block 7 (the former bit-mask index stopped at 64)
        for (int i = 0; i < 100; i++) {
            index.record(TestEngines.ready("x" + i), new long[] {7}, 10);
        }
        // Then each of them holds it
        assertThat(index.size("x0")).isEqualTo(1);
        assertThat(index.size("x99")).isEqualTo(1);
    }

    private int[] match(long[] hashes) {
        Candidates c = new Candidates(2);
        c.add(a, 0, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        c.add(b, 0, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        int[] matched = new int[2];
        index.match(hashes, c, matched);
        return matched;
    }
}
