package io.ascendgw.gateway.routing.prefix;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;

/**
 * Which engines are believed to hold which prefix blocks in their KV cache. The approximate implementation learns
 * from routing decisions; an event-driven one (vLLM's KV-cache events) could replace it behind this interface.
 * Thread-safe: every method may take a short per-engine lock ({@link #match} runs on every decision). No method
 * blocks on I/O.
 */
public interface PrefixIndex {

    /**
     * For each candidate, how many leading blocks of {@code hashes} it holds consecutively from the first block.
     *
     * @param matched receives the counts, aligned with the candidates
     */
    void match(long[] hashes, Candidates candidates, int[] matched);

    /**
     * The request with these blocks went to {@code engine}: it holds them now, as the most recently used; older
     * blocks beyond {@code capacityBlocks} are forgotten, as the engine's own LRU would evict them.
     */
    void record(Engine engine, long[] hashes, long capacityBlocks);

    /** The engine filled {@code blocks} more blocks with generated text, pushing out older entries. */
    void charge(Engine engine, int blocks, long capacityBlocks);

    /** Forgets everything about an engine (it restarted with an empty cache, or left the pool). */
    void clear(String engineId);

    /** Blocks currently believed held by the engine (tests, metrics). */
    int size(String engineId);
}
