package io.ascendgw.gateway.proxy;

/** Token counts an engine reported in {@code usage}; {@code cachedTokens} is -1 when not reported. */
public record Usage(long promptTokens, long completionTokens, long cachedTokens) {
}
