package io.ascendgw.gateway.sim.engine;

import java.util.HashMap;

/**
 * A fixed pool of KV-cache blocks with vLLM V1's prefix-cache rules: blocks are reference counted; a block whose
 * count drops to zero joins the tail of the free queue but keeps its hash (cached, evictable); allocation takes
 * from the head (least recently freed) and evicts the hash of the block it takes. Engine-thread only.
 */
final class KvBlockPool {

    private final int numBlocks;
    private final int[] refCount;
    private final int[] prev;
    private final int[] next;
    private final long[] hash;
    private final boolean[] hashed;
    private final HashMap<Long, Integer> byHash = new HashMap<>();
    private final int head;
    private int free;

    KvBlockPool(int numBlocks) {
        this.numBlocks = numBlocks;
        this.refCount = new int[numBlocks];
        this.prev = new int[numBlocks + 1];
        this.next = new int[numBlocks + 1];
        this.hash = new long[numBlocks];
        this.hashed = new boolean[numBlocks];
        this.head = numBlocks;
        prev[head] = head;
        next[head] = head;
        for (int b = 0; b < numBlocks; b++) {
            append(b);
        }
    }

    int numBlocks() {
        return numBlocks;
    }

    /** Blocks not referenced by any sequence (free or cached-evictable). */
    int freeBlocks() {
        return free;
    }

    int usedBlocks() {
        return numBlocks - free;
    }

    /** Blocks currently holding a prefix hash (referenced or evictable). */
    int cachedBlocks() {
        return byHash.size();
    }

    /** Longest run of {@code hashes} present in the cache, at most {@code maxBlocks}; block ids go to {@code out}. */
    int lookup(long[] hashes, int maxBlocks, int[] out) {
        int n = 0;
        while (n < maxBlocks) {
            Integer block = byHash.get(hashes[n]);
            if (block == null) {
                break;
            }
            out[n++] = block;
        }
        return n;
    }

    /** How many of the given blocks are unreferenced (acquiring them takes them out of the free queue). */
    int countUnreferenced(int[] blocks, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (refCount[blocks[i]] == 0) {
                n++;
            }
        }
        return n;
    }

    /** Takes a reference on cached blocks found by {@link #lookup}. */
    void acquire(int[] blocks, int count, IntList into) {
        for (int i = 0; i < count; i++) {
            int b = blocks[i];
            if (refCount[b]++ == 0) {
                unlink(b);
            }
            into.add(b);
        }
    }

    /** Allocates {@code count} fresh blocks, evicting cached ones; false (and nothing taken) if too few are free. */
    boolean allocate(int count, IntList into) {
        if (count > free) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int b = next[head];
            unlink(b);
            if (hashed[b]) {
                byHash.remove(hash[b]);
                hashed[b] = false;
            }
            refCount[b] = 1;
            into.add(b);
        }
        return true;
    }

    /** Marks a computed full block as cached under {@code h}, unless another block already holds that hash. */
    void register(int block, long h) {
        if (!hashed[block] && byHash.putIfAbsent(h, block) == null) {
            hash[block] = h;
            hashed[block] = true;
        }
    }

    /** Drops one reference on each block, tail first so a sequence's last blocks are evicted first. */
    void release(IntList blocks) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            int b = blocks.get(i);
            if (--refCount[b] == 0) {
                append(b);
            }
        }
        blocks.clear();
    }

    private void append(int b) {
        int last = prev[head];
        next[last] = b;
        prev[b] = last;
        next[b] = head;
        prev[head] = b;
        free++;
    }

    private void unlink(int b) {
        next[prev[b]] = next[b];
        prev[next[b]] = prev[b];
        free--;
    }
}
