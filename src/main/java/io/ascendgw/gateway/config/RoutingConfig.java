package io.ascendgw.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.WithDefault;

/**
 * Which engine a request goes to ({@code gateway.routing}). The top-level keys apply to every pool; a pool can
 * override its policy, weights, saturation limits and queue under {@code gateway.routing.pools.<pool>}. Pool names
 * are those under {@code gateway.pools}, plus {@code embedded} and {@code upstreams}.
 */
public interface RoutingConfig {

    /**
     * {@code default} (load, KV-cache, prefix, LoRA and session aware), {@code least-request} or
     * {@code round-robin}.
     */
    @WithDefault("default")
    String policy();

    /** Scorer weights of the {@code default} policy. */
    Weights weights();

    /** Prefix-cache affinity. */
    Prefix prefix();

    /** Session affinity ({@code X-Session-Id} header or {@code user} field). */
    Session session();

    /** When an engine counts as saturated (it then takes no new request). */
    Saturation saturation();

    /** The per-pool admission queue used while every engine is saturated. */
    Queue queue();

    /** The per-engine circuit breaker. */
    CircuitBreaker circuitBreaker();

    /** Per-pool overrides, by pool name. */
    Map<String, PoolOverrides> pools();

    /** Weight of each scorer in the weighted sum; 0 turns a scorer off. */
    interface Weights {
        /** Stick to the engine that served the same session before. */
        @WithDefault("10")
        double session();

        /** Prefer engines believed to hold the prompt's prefix in their KV cache (load-gated). */
        @WithDefault("5")
        double prefix();

        /** Fewer requests waiting for their first byte (this gateway's view of the engine's prefill queue). */
        @WithDefault("1")
        double prefill();

        /** Fewer requests in flight from this gateway (exact, instant). */
        @WithDefault("1")
        double inFlight();

        /** Shorter scraped waiting queue ({@code vllm:num_requests_waiting}). */
        @WithDefault("1")
        double queue();

        /** Lower scraped KV-cache usage. */
        @WithDefault("1")
        double kvCache();

        /**
         * For requests naming a LoRA adapter: engines running it, then engines with a free adapter slot
         * ({@code vllm:lora_requests_info}); base-model requests are not affected.
         */
        @WithDefault("5")
        double lora();
    }

    /** Prefix-cache affinity: hashes, index size and the load gate. */
    interface Prefix {
        /**
         * Tokens per hashed block. Defaults to the engine's KV block size from {@code vllm:cache_config_info}
         * (128 when unknown), raised to at least 64.
         */
        OptionalInt blockTokens();

        /** Longest prefix hashed, in blocks; the rest of a longer prompt is ignored. */
        @WithDefault("128")
        int maxBlocks();

        /** UTF-8 bytes per token assumed until {@code usage.prompt_tokens} has taught the real ratio. */
        @WithDefault("4.0")
        double initialBytesPerToken();

        /** Engine KV capacity assumed when it does not report {@code vllm:cache_config_info}, in tokens. */
        @WithDefault("262144")
        long defaultCapacityTokens();

        /** Share of the engine's KV capacity the index may believe cached (the rest holds running requests). */
        @WithDefault("1.0")
        double capacityFraction();

        /**
         * Affinity counts only while the engine's load (requests in flight) is at most the least-loaded
         * candidate's load plus {@code max(load-gate-absolute, load-gate-ratio x that load)}.
         */
        @WithDefault("8")
        int loadGateAbsolute();

        /** See {@link #loadGateAbsolute()}. */
        @WithDefault("0.5")
        double loadGateRatio();
    }

    /** Session affinity table. */
    interface Session {
        /** Slots of the session table (a power of two is used); older sessions are overwritten. */
        @WithDefault("65536")
        int tableSize();

        /** A session idle this long forgets its engine. */
        @WithDefault("30m")
        Duration idleTimeout();
    }

    /** Saturation: an engine at a limit gets no new request; when all are, requests wait in the queue. */
    interface Saturation {
        /** Requests in flight from this gateway per engine (vLLM's default {@code --max-num-seqs} is 256). */
        @WithDefault("256")
        int maxInFlightPerEngine();

        /** Scraped waiting requests per engine ({@code vllm:num_requests_waiting}). */
        @WithDefault("8")
        int maxWaitingPerEngine();
    }

    /** Admission queue of a pool. */
    interface Queue {
        /** Requests that may wait; one more is refused with 429 {@code queue_full}. */
        @WithDefault("1024")
        int maxSize();

        /** Longest wait in the queue before a 429 {@code queue_timeout}. */
        @WithDefault("60s")
        Duration timeout();

        /**
         * {@code per-key}: API keys with waiting requests take turns, each as long as the key's mean request in
         * tokens, and a full queue makes room for a key holding fewer waiters; {@code per-key-requests}: the same with
         * one request per turn; {@code fifo}: arrival order. Without API keys all are arrival order.
         */
        @WithDefault("per-key")
        String fairness();
    }

    /** Per-engine circuit breaker. */
    interface CircuitBreaker {
        /** Consecutive engine failures (connect, reset, 5xx, first-byte or idle timeout) that open it. */
        @WithDefault("3")
        int failureThreshold();

        /** How long it stays open before one probe request is let through; doubles on every failed probe. */
        @WithDefault("5s")
        Duration openDuration();

        /** Upper bound of the doubling open duration. */
        @WithDefault("60s")
        Duration maxOpenDuration();
    }

    /** What one pool overrides; anything left out is inherited from the top level. */
    interface PoolOverrides {
        /** Policy of this pool. */
        Optional<String> policy();

        /**
         * Weights by scorer name: {@code session}, {@code prefix}, {@code prefill}, {@code in-flight}, {@code queue},
         * {@code kv-cache}, {@code lora}.
         */
        Map<String, Double> weights();

        /** See {@link Saturation#maxInFlightPerEngine()}. */
        OptionalInt maxInFlightPerEngine();

        /** See {@link Saturation#maxWaitingPerEngine()}. */
        OptionalInt maxWaitingPerEngine();

        /** See {@link Queue#maxSize()}. */
        OptionalInt queueMaxSize();

        /** See {@link Queue#timeout()}. */
        Optional<Duration> queueTimeout();

        /** See {@link Prefix#loadGateRatio()}. */
        OptionalDouble prefixLoadGateRatio();
    }
}
