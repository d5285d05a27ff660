package io.ascendgw.gateway.metrics.prom;

/**
 * A direct-mapped cache from the raw text of a label set ({@code engine="0",le="0.5",model_name="m"}) to its parsed
 * {@link Labels}. A vLLM scrape repeats the same label sets on every scrape (each histogram bucket has its own), so in
 * steady state a sample's labels cost one hash and one comparison instead of parsing and allocating.
 *
 * <p>Thread-safety by benign race: entries are immutable (final fields) and every hit is verified against the text.
 */
final class LabelSetTable {

    private record Entry(String raw, Labels labels) {
    }

    private final Entry[] slots;
    private final int mask;

    LabelSetTable(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new Entry[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
    }

    /** The cached labels for {@code text[start, end)}, or null. */
    Labels get(String text, int start, int end, int hash) {
        Entry entry = slots[hash & mask];
        int length = end - start;
        if (entry != null && entry.raw.length() == length && text.regionMatches(start, entry.raw, 0, length)) {
            return entry.labels;
        }
        return null;
    }

    void put(String text, int start, int end, int hash, Labels labels) {
        slots[hash & mask] = new Entry(text.substring(start, end), labels);
    }
}
