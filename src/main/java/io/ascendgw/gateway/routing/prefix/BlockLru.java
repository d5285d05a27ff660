package io.ascendgw.gateway.routing.prefix;

import java.util.Arrays;

/**
 * A set of block hashes in least-recently-used order, in primitive arrays: a doubly linked list of nodes over
 * {@code long[]}/{@code int[]} and an open-addressing table (linear probing, backward-shift deletion) from hash to
 * node. The index holds tens of thousands of blocks per engine that live for seconds; as boxed map entries they
 * cost allocation on every request and made each young collection copy them. Not thread-safe: the caller locks.
 */
final class BlockLru {

    private static final int NONE = -1;
    private static final int INITIAL_NODES = 64;

    private long[] keys = new long[INITIAL_NODES];
    private int[] older = new int[INITIAL_NODES];
    private int[] newer = new int[INITIAL_NODES];
    /** Node index + 1 per slot; 0 is an empty slot. Always at most half full. */
    private int[] slots = new int[INITIAL_NODES * 2];
    private int oldest = NONE;
    private int newest = NONE;
    private int size;
    /** Nodes [0, used) have been handed out; freed ones are chained through {@link #newer}. */
    private int used;
    private int free = NONE;

    int size() {
        return size;
    }

    boolean contains(long key) {
        return slots[find(key)] != 0;
    }

    /** Makes {@code key} the most recently used, adding it if absent. */
    void touch(long key) {
        int slot = find(key);
        if (slots[slot] != 0) {
            int node = slots[slot] - 1;
            if (node != newest) {
                unlink(node);
                linkNewest(node);
            }
            return;
        }
        if (size + 1 > keys.length) {
            grow();
            slot = find(key);
        }
        int node = allocate();
        keys[node] = key;
        slots[slot] = node + 1;
        linkNewest(node);
        size++;
    }

    /** Forgets the least recently used key; nothing happens when empty. */
    void removeOldest() {
        if (oldest == NONE) {
            return;
        }
        int node = oldest;
        deleteSlot(find(keys[node]));
        unlink(node);
        newer[node] = free;
        free = node;
        size--;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int find(long key) {
        int mask = slots.length - 1;
        int slot = spread(key) & mask;
        while (slots[slot] != 0 && keys[slots[slot] - 1] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Empties a slot and moves later entries of its probe run back so every key stays reachable. */
    private void deleteSlot(int hole) {
        int mask = slots.length - 1;
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            if (slots[slot] == 0) {
                break;
            }
            int home = spread(keys[slots[slot] - 1]) & mask;
            // The entry may move into the hole only if its home is not cyclically within (hole, slot].
            boolean homeAfterHole = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
            if (!homeAfterHole) {
                slots[hole] = slots[slot];
                hole = slot;
            }
        }
        slots[hole] = 0;
    }

    private int allocate() {
        if (free != NONE) {
            int node = free;
            free = newer[node];
            return node;
        }
        return used++;
    }

    private void linkNewest(int node) {
        older[node] = newest;
        newer[node] = NONE;
        if (newest != NONE) {
            newer[newest] = node;
        } else {
            oldest = node;
        }
        newest = node;
    }

    private void unlink(int node) {
        int before = older[node];
        int after = newer[node];
        if (before != NONE) {
            newer[before] = after;
        } else {
            oldest = after;
        }
        if (after != NONE) {
            older[after] = before;
        } else {
            newest = before;
        }
    }

    private void grow() {
        int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        older = Arrays.copyOf(older, capacity);
        newer = Arrays.copyOf(newer, capacity);
        slots = new int[capacity * 2];
        int mask = slots.length - 1;
        for (int node = oldest; node != NONE; node = newer[node]) {
            int slot = spread(keys[node]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = node + 1;
        }
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
