package io.ascendgw.gateway.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How each engine's {@code /metrics} is read ({@code gateway.scrape}). */
public interface ScrapeConfig {

    /** Interval between scrapes of one engine. */
    @WithDefault("250ms")
    Duration interval();

    /** Time one scrape may take. */
    @WithDefault("2s")
    Duration timeout();

    /** A scrape older than this is stale: routing ignores it and its series are no longer exported. */
    @WithDefault("5s")
    Duration staleAfter();
}
