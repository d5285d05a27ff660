package io.ascendgw.gateway.metrics.npu;

/**
 * A line of npu-smi output the parser could not use; the caller logs it once. Never fatal.
 *
 * @param lineNumber 1-based line number
 * @param line       the line as printed
 * @param reason     what was wrong
 */
public record UnparsedLine(int lineNumber, String line, String reason) {
}
