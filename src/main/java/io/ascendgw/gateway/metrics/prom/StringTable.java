package io.ascendgw.gateway.metrics.prom;

/**
 * A small direct-mapped cache of strings cut out of scraped text, so the names and label values that repeat on every
 * scrape ({@code model_name}, {@code le="0.5"}, ...) are not allocated again each time.
 *
 * <p>Thread-safety by benign race: slots hold immutable strings and a hit is always verified character by character,
 * so concurrent use can only cost a miss, never return a wrong string.
 */
final class StringTable {

    private final String[] slots;
    private final int mask;

    StringTable(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new String[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
    }

    /** The string equal to {@code source[start, end)}, from the cache when possible. */
    String intern(String source, int start, int end) {
        int slot = slot(source, start, end);
        String cached = slots[slot];
        int length = end - start;
        if (cached != null && cached.length() == length && source.regionMatches(start, cached, 0, length)) {
            return cached;
        }
        String fresh = source.substring(start, end);
        slots[slot] = fresh;
        return fresh;
    }

    /** The cached string equal to {@code value} (e.g. built by unescaping), or {@code value} itself, now cached. */
    String intern(String value) {
        int slot = slot(value, 0, value.length());
        String cached = slots[slot];
        if (value.equals(cached)) {
            return cached;
        }
        slots[slot] = value;
        return value;
    }

    private int slot(String source, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + source.charAt(i);
        }
        return (hash ^ (hash >>> 16)) & mask;
    }
}
