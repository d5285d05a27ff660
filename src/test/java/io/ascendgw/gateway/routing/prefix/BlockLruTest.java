package io.ascendgw.gateway.routing.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BlockLruTest {

    @Test
    void shouldEvictInLeastRecentlyUsedOrderWhenKeysAreTouchedAgain() {
        BlockLru lru = new BlockLru();
        lru.touch(1);
        lru.touch(2);
        lru.touch(3);
        lru.touch(1);
        lru.removeOldest();
        assertThat(lru.contains(2)).isFalse();
        assertThat(lru.contains(1)).isTrue();
        assertThat(lru.contains(3)).isTrue();
        lru.removeOldest();
        assertThat(lru.contains(3)).isFalse();
        assertThat(lru.size()).isEqualTo(1);
        lru.removeOldest();
        lru.removeOldest();
        assertThat(lru.size()).isZero();
        assertThat(lru.contains(1)).isFalse();
    }

    @Test
    void shouldBehaveLikeAnAccessOrderedSetOverALongRandomRunWithCollisionsGrowthAndEviction() {
        // Given the reference: a LinkedHashSet kept in access order by remove-and-re-add
        LinkedHashSet<Long> reference = new LinkedHashSet<>();
        BlockLru lru = new BlockLru();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            // Keys from a small range collide and repeat; some share low bits to stress the probe runs
            long key = random.nextInt(3000) * (random.nextBoolean() ? 1L : 1L << 32);
            int action = random.nextInt(10);
            if (action < 7) {
                reference.remove(key);
                reference.add(key);
                lru.touch(key);
            } else if (!reference.isEmpty()) {
                reference.remove(reference.iterator().next());
                lru.removeOldest();
            }
            assertThat(lru.size()).isEqualTo(reference.size());
            assertThat(lru.contains(key)).isEqualTo(reference.contains(key));
        }
        // Then every key the reference holds is found, and the eviction order is the same to the end
        for (long key : reference) {
            assertThat(lru.contains(key)).as("key %d", key).isTrue();
        }
        while (!reference.isEmpty()) {
            long oldest = reference.iterator().next();
            reference.remove(oldest);
            lru.removeOldest();
            assertThat(lru.contains(oldest)).isFalse();
            assertThat(lru.size()).isEqualTo(reference.size());
        }
    }
}
