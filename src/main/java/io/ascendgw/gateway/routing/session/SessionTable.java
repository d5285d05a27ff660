package io.ascendgw.gateway.routing.session;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which engine each session was last routed to: a fixed array of slots indexed by a 64-bit hash of the session key,
 * so memory is bounded whatever clients send, lookups and updates are lock-free, and a new session simply takes the
 * slot of an older one that hashes alike. Entries idle longer than the idle timeout count as absent. Any thread.
 */
public final class SessionTable {

    private record Entry(long keyHash, String engineId, long touchedNanos) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final long idleNanos;

    /** @param size slots, rounded up to a power of two */
    public SessionTable(int size, long idleNanos) {
        int n = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(Math.max(2, Math.min(n, 1 << 24)));
        this.mask = slots.length() - 1;
        this.idleNanos = idleNanos;
    }

    /** The engine the session is bound to, or null. */
    public String engineOf(String sessionKey, long nowNanos) {
        long hash = hash(sessionKey);
        Entry e = slots.get(index(hash));
        if (e == null || e.keyHash != hash || nowNanos - e.touchedNanos > idleNanos) {
            return null;
        }
        return e.engineId;
    }

    /** Binds the session to {@code engineId} (again), refreshing its idle time. */
    public void bind(String sessionKey, String engineId, long nowNanos) {
        long hash = hash(sessionKey);
        slots.set(index(hash), new Entry(hash, engineId, nowNanos));
    }

    /** Slots in the table. */
    public int capacity() {
        return slots.length();
    }

    private int index(long hash) {
        return (int) (hash ^ (hash >>> 32)) & mask;
    }

    /** 64-bit FNV-1a over the key's chars, finalised: distinct keys practically never share a hash. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
