package io.ascendgw.gateway.routing.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PrefixHasherTest {

    private static final long SEED = PrefixHasher.seed("m", 100);

    @Test
    void shouldChainBlocksSoADifferenceChangesEveryLaterHashWhenOneByteDiffers() {
        // Given two texts of 5 blocks that differ in one byte of block 2
        byte[] a = text(500);
        byte[] b = a.clone();
        b[250] ^= 1;
        // When both are hashed in 100-byte blocks
        long[] ha = PrefixHasher.hash(a, a.length, 100, SEED, 99);
        long[] hb = PrefixHasher.hash(b, b.length, 100, SEED, 99);
        // Then blocks 0-1 agree and blocks 2-4 all differ
        assertThat(Arrays.copyOf(ha, 2)).isEqualTo(Arrays.copyOf(hb, 2));
        for (int i = 2; i < 5; i++) {
            assertThat(ha[i]).isNotEqualTo(hb[i]);
        }
    }

    @Test
    void shouldHashOnlyFullBlocksUpToTheLimitWhenTextEndsMidBlock() {
        // Given 350 bytes
        byte[] a = text(350);
        // When hashed in 100-byte blocks, with and without a limit of 2
        // Then only the 3 full blocks count, and the limit caps them
        assertThat(PrefixHasher.hash(a, a.length, 100, SEED, 99)).hasSize(3);
        assertThat(PrefixHasher.hash(a, a.length, 100, SEED, 2)).hasSize(2);
        assertThat(PrefixHasher.hash(a, 99, 100, SEED, 99)).isEmpty();
    }

    @Test
    void shouldDependOnTheSeedWhenTheBytesAreEqual() {
        // Given the same bytes, When hashed under two seeds, Then nothing matches
        byte[] a = text(300);
        long[] one = PrefixHasher.hash(a, a.length, 100, PrefixHasher.seed("m", 100), 9);
        long[] two = PrefixHasher.hash(a, a.length, 100, PrefixHasher.seed("n", 100), 9);
        assertThat(one).doesNotContain(two);
    }

    private static byte[] text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < n; i++) {
            sb.append("token").append(i).append(' ');
        }
        return sb.substring(0, n).getBytes(StandardCharsets.UTF_8);
    }
}
