package io.ascendgw.gateway.metrics.prom;

/**
 * Parses the Prometheus text exposition format (0.0.4), tolerating OpenMetrics ({@code # EOF}, exemplars, float
 * timestamps, {@code _created}/{@code _total} samples under their family). Garbage lines are skipped and reported in
 * {@link ParsedMetrics#skippedLines()}, never fatal.
 *
 * <p>Built for a scrape every 250 ms per engine: no regular expressions, one pass over the text, and names and label
 * values, and whole label sets, that repeat between scrapes are reused from small caches instead of allocated again.
 *
 * <p>Thread-safe: any thread may call {@link #parse(CharSequence)}, concurrently too (the cache tolerates races).
 * Keep one instance per scrape loop so its cache stays warm. Never blocks; CPU cost is linear in the text size.
 */
public final class PrometheusTextParser {

    /** How many skipped lines a result keeps verbatim; all are counted. */
    public static final int MAX_KEPT_SKIPPED_LINES = 20;

    private final StringTable strings = new StringTable(4096);
    private final LabelSetTable labelSets = new LabelSetTable(4096);

    /** Parses one scrape. Never throws for malformed content. */
    public ParsedMetrics parse(CharSequence text) {
        return new TextParseRun(text.toString(), strings, labelSets).run();
    }
}
