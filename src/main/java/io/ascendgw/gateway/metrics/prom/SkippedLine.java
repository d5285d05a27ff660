package io.ascendgw.gateway.metrics.prom;

/**
 * A line the parser could not use. Kept for the operator (log it once), never fatal.
 *
 * @param lineNumber 1-based line number in the scraped text
 * @param line       the line, cut to at most 200 characters
 * @param reason     what was wrong, in a few words
 */
public record SkippedLine(int lineNumber, String line, String reason) {
}
