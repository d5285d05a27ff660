package io.ascendgw.gateway.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys in force and each key's limiter, swapped as a whole when the keys file changes, so a request checks its
 * key and takes its limiter from the same generation. Immutable.
 */
final class KeyTable {

    private final ApiKeyStore store;
    private final Map<String, KeyLimiter> limiters;

    private KeyTable(ApiKeyStore store, Map<String, KeyLimiter> limiters) {
        this.store = store;
        this.limiters = Map.copyOf(limiters);
    }

    static KeyTable of(ApiKeyStore store, long nowNanos) {
        Map<String, KeyLimiter> limiters = new HashMap<>();
        store.keys().forEach(key -> limiters.put(key.name(), new KeyLimiter(key, nowNanos)));
        return new KeyTable(store, limiters);
    }

    /**
     * The table for {@code keys}: a key whose hash and limits did not change keeps its limiter, so its request rate,
     * token window and requests in flight carry over; a changed key starts afresh.
     */
    KeyTable with(ApiKeyStore next, long nowNanos) {
        Map<String, KeyLimiter> kept = new HashMap<>();
        for (ApiKey key : next.keys()) {
            KeyLimiter old = limiters.get(key.name());
            kept.put(key.name(), old != null && old.key().sameAs(key) ? old : new KeyLimiter(key, nowNanos));
        }
        return new KeyTable(next, kept);
    }

    ApiKeyStore store() {
        return store;
    }

    /** The limiter of the key named {@code name}, or null when this table has no such key. */
    KeyLimiter limiter(String name) {
        return limiters.get(name);
    }

    /** What changed from this table to {@code next}, for the log line: added, removed and changed key names. */
    String changesTo(KeyTable next) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ApiKey key : next.store.keys()) {
            KeyLimiter old = limiters.get(key.name());
            if (old == null) {
                added.add(key.name());
            } else if (!old.key().sameAs(key)) {
                changed.add(key.name());
            }
        }
        List<String> removed = store.keys().stream().map(ApiKey::name)
                .filter(name -> next.limiter(name) == null).toList();
        return "added " + names(added) + ", removed " + names(removed) + ", changed " + names(changed);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(" ", names);
    }
}
