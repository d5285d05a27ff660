package io.ascendgw.gateway.routing.prefix;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;

/**
 * The approximate prefix index: a shared map from block hash to a bit mask of the engines holding it (read
 * lock-free by {@link #match}) and, per engine, an LRU of its blocks bounded by the engine's KV capacity, whose
 * evictions clear the engine's bit. Up to 64 engines get a bit (one per pool, so a pool of up to 64); later ones are
 * simply not indexed. Writers lock only the one engine's LRU, for about a microsecond.
 */
public final class ApproximatePrefixIndex implements PrefixIndex {

    private final Map<Long, Long> holders = new ConcurrentHashMap<>();
    private final Map<String, EngineBlocks> engines = new ConcurrentHashMap<>();
    private final AtomicLong usedBits = new AtomicLong();
    private final AtomicLong syntheticKeys = new AtomicLong();

    /** One engine's blocks in LRU order; every access holds the monitor. */
    private static final class EngineBlocks {
        final long bit;
        final LinkedHashMap<Long, Boolean> lru = new LinkedHashMap<>(256, 0.75f, true);

        EngineBlocks(long bit) {
            this.bit = bit;
        }
    }

    @Override
    public void match(long[] hashes, Candidates candidates, int[] matched) {
        int count = candidates.size();
        long alive = 0;
        for (int i = 0; i < count; i++) {
            matched[i] = 0;
            EngineBlocks blocks = engines.get(candidates.engine(i).id());
            alive |= blocks == null ? 0 : blocks.bit;
        }
        int b = 0;
        for (; b < hashes.length && alive != 0; b++) {
            Long mask = holders.get(hashes[b]);
            long held = mask == null ? 0 : mask;
            long dropped = alive & ~held;
            if (dropped != 0) {
                assign(candidates, count, matched, dropped, b);
            }
            alive &= held;
        }
        if (alive != 0) {
            assign(candidates, count, matched, alive, b);
        }
    }

    private void assign(Candidates candidates, int count, int[] matched, long bits, int blocks) {
        for (int i = 0; i < count; i++) {
            EngineBlocks e = engines.get(candidates.engine(i).id());
            if (e != null && (e.bit & bits) != 0) {
                matched[i] = blocks;
            }
        }
    }

    @Override
    public void record(Engine engine, long[] hashes, long capacityBlocks) {
        EngineBlocks e = blocksOf(engine.id());
        if (e == null || hashes.length == 0) {
            return;
        }
        synchronized (e) {
            for (long h : hashes) {
                if (e.lru.put(h, Boolean.TRUE) == null) {
                    holders.merge(h, e.bit, (a, b) -> a | b);
                }
            }
            evict(e, capacityBlocks);
        }
    }

    @Override
    public void charge(Engine engine, int blocks, long capacityBlocks) {
        EngineBlocks e = engines.get(engine.id());
        if (e == null || blocks <= 0) {
            return;
        }
        synchronized (e) {
            // Keys no prompt can produce: they only take room in the LRU, as generated blocks do in the engine.
            for (int i = 0; i < blocks; i++) {
                e.lru.put(PrefixHasher.mix(syntheticKeys.incrementAndGet() ^ 0x5A5A5A5AL), Boolean.FALSE);
            }
            evict(e, capacityBlocks);
        }
    }

    @Override
    public void clear(String engineId) {
        EngineBlocks e = engines.get(engineId);
        if (e == null) {
            return;
        }
        synchronized (e) {
            for (Map.Entry<Long, Boolean> entry : e.lru.entrySet()) {
                if (entry.getValue()) {
                    release(entry.getKey(), e.bit);
                }
            }
            e.lru.clear();
        }
    }

    @Override
    public int size(String engineId) {
        EngineBlocks e = engines.get(engineId);
        if (e == null) {
            return 0;
        }
        synchronized (e) {
            return e.lru.size();
        }
    }

    private void evict(EngineBlocks e, long capacityBlocks) {
        long limit = Math.max(1, capacityBlocks);
        Iterator<Map.Entry<Long, Boolean>> oldest = e.lru.entrySet().iterator();
        while (e.lru.size() > limit && oldest.hasNext()) {
            Map.Entry<Long, Boolean> entry = oldest.next();
            if (entry.getValue()) {
                release(entry.getKey(), e.bit);
            }
            oldest.remove();
        }
    }

    private void release(long hash, long bit) {
        holders.computeIfPresent(hash, (k, mask) -> (mask & ~bit) == 0 ? null : mask & ~bit);
    }

    private EngineBlocks blocksOf(String engineId) {
        EngineBlocks e = engines.get(engineId);
        if (e != null) {
            return e;
        }
        while (true) {
            long used = usedBits.get();
            if (used == -1L) {
                return null;
            }
            long bit = Long.lowestOneBit(~used);
            if (usedBits.compareAndSet(used, used | bit)) {
                EngineBlocks created = new EngineBlocks(bit);
                EngineBlocks raced = engines.putIfAbsent(engineId, created);
                if (raced != null) {
                    usedBits.getAndUpdate(u -> u & ~bit);
                    return raced;
                }
                return created;
            }
        }
    }
}

