package io.ascendgw.gateway.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KvBlockPoolTest {

    @Test
    void shouldEvictTheLeastRecentlyFreedTailBlockFirstWhenAllocating() {
        // Given two sequences of two cached blocks each, A freed before B
        KvBlockPool pool = new KvBlockPool(4);
        IntList a = new IntList();
        IntList b = new IntList();
        pool.allocate(2, a);
        pool.register(a.get(0), 100);
        pool.register(a.get(1), 101);
        pool.allocate(2, b);
        pool.register(b.get(0), 200);
        pool.register(b.get(1), 201);
        pool.release(a);
        pool.release(b);
        assertThat(pool.freeBlocks()).isEqualTo(4);
        assertThat(pool.cachedBlocks()).isEqualTo(4);

        // When one fresh block is needed
        pool.allocate(1, new IntList());

        // Then A's tail block (hash 101) was evicted, A's head and all of B stay cached
        int[] out = new int[2];
        assertThat(pool.lookup(new long[] {100, 101}, 2, out)).isEqualTo(1);
        assertThat(pool.lookup(new long[] {200, 201}, 2, out)).isEqualTo(2);
        assertThat(pool.usedBlocks()).isEqualTo(1);
    }

    @Test
    void shouldTakeCachedBlocksOutOfTheFreeQueueWhenAcquired() {
        // Given a cached, unreferenced block
        KvBlockPool pool = new KvBlockPool(2);
        IntList first = new IntList();
        pool.allocate(1, first);
        pool.register(first.get(0), 7);
        pool.release(first);
        int[] hit = new int[1];
        assertThat(pool.lookup(new long[] {7}, 1, hit)).isEqualTo(1);
        assertThat(pool.countUnreferenced(hit, 1)).isEqualTo(1);

        // When
        IntList owner = new IntList();
        pool.acquire(hit, 1, owner);

        // Then it is in use and the other block is the only free one
        assertThat(pool.usedBlocks()).isEqualTo(1);
        assertThat(pool.allocate(2, new IntList())).isFalse();
        assertThat(pool.allocate(1, new IntList())).isTrue();
        assertThat(pool.lookup(new long[] {7}, 1, hit)).isEqualTo(1);
    }
}
