package io.ascendgw.gateway.routing.prefix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;

/**
 * The approximate prefix index: per engine, an LRU of the blocks it is believed to hold, bounded by the engine's KV
 * capacity ({@link BlockLru}, primitive arrays). A match asks each candidate's LRU for the request's leading blocks in
 * turn and stops at the first miss, so its cost is the candidates times the blocks they share, at most. Every access
 * holds the one engine's monitor, for well under a microsecond.
 */
public final class ApproximatePrefixIndex implements PrefixIndex {

    private final Map<String, BlockLru> engines = new ConcurrentHashMap<>();
    private final AtomicLong syntheticKeys = new AtomicLong();

    @Override
    public void match(long[] hashes, Candidates candidates, int[] matched) {
        for (int i = 0; i < candidates.size(); i++) {
            BlockLru blocks = engines.get(candidates.engine(i).id());
            int held = 0;
            if (blocks != null) {
                synchronized (blocks) {
                    while (held < hashes.length && blocks.contains(hashes[held])) {
                        held++;
                    }
                }
            }
            matched[i] = held;
        }
    }

    @Override
    public void record(Engine engine, long[] hashes, long capacityBlocks) {
        if (hashes.length == 0) {
            return;
        }
        BlockLru blocks = engines.computeIfAbsent(engine.id(), id -> new BlockLru());
        synchronized (blocks) {
            for (long h : hashes) {
                blocks.touch(h);
            }
            evict(blocks, capacityBlocks);
        }
    }

    @Override
    public void charge(Engine engine, int blocks, long capacityBlocks) {
        BlockLru lru = engines.get(engine.id());
        if (lru == null || blocks <= 0) {
            return;
        }
        synchronized (lru) {
            // Keys no prompt can produce: they only take room in the LRU, as generated blocks do in the engine.
            for (int i = 0; i < blocks; i++) {
                lru.touch(PrefixHasher.mix(syntheticKeys.incrementAndGet() ^ 0x5A5A5A5AL));
            }
            evict(lru, capacityBlocks);
        }
    }

    /** Drops the engine's LRU, arrays included: an engine that left the pool keeps no memory here. */
    @Override
    public void clear(String engineId) {
        engines.remove(engineId);
    }

    @Override
    public int size(String engineId) {
        BlockLru blocks = engines.get(engineId);
        if (blocks == null) {
            return 0;
        }
        synchronized (blocks) {
            return blocks.size();
        }
    }

    private static void evict(BlockLru blocks, long capacityBlocks) {
        long limit = Math.max(1, capacityBlocks);
        while (blocks.size() > limit) {
            blocks.removeOldest();
        }
    }
}
