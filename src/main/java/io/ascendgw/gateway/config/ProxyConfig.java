package io.ascendgw.gateway.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/** How requests are relayed to engines ({@code gateway.proxy}). */
public interface ProxyConfig {

    /** Largest request body accepted; larger bodies get 413. */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /** Time a client may take to send its whole request body (slow uploads get 408). */
    @WithDefault("30s")
    Duration bodyTimeout();

    /** Time to open a TCP connection to an engine. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Time from sending a request to the engine's first response byte. Queueing and prefill happen before it, so
     * it must cover the worst queue the pool allows.
     */
    @WithDefault("5m")
    Duration firstByteTimeout();

    /** Longest silence between two chunks of a response once it has started. */
    @WithDefault("2m")
    Duration idleTimeout();

    /** Longest a request may take from arrival to its last byte. */
    @WithDefault("30m")
    Duration totalTimeout();

    /**
     * Largest {@code n} (and {@code best_of}) a request may ask for; vLLM has no limit and would try to run them all.
     */
    @WithDefault("16")
    int maxN();

    /** Other engines tried when one fails before any byte reached the client. */
    @WithDefault("2")
    int maxRetries();

    /** Idle pooled connections to an engine are closed after this (vLLM closes them after 5 s). */
    @WithDefault("4s")
    Duration upstreamKeepAlive();

    /** Most connections kept to one engine. */
    @WithDefault("1000")
    int maxConnectionsPerEngine();

    /** Log one line per finished request (id, model, engine, status, timings). */
    @WithDefault("true")
    boolean accessLog();
}
