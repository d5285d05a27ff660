package io.ascendgw.gateway.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The pool of simulated engines the gateway runs when nothing else is configured, so that the main command works
 * on any machine ({@code gateway.embedded}).
 */
public interface EmbeddedConfig {

    /** Run the embedded pool when no pool and no upstream is configured. */
    @WithDefault("true")
    boolean enabled();

    /** Number of simulated engines. */
    @WithDefault("2")
    int replicas();

    /** Model name the simulator reports as {@code --model}. */
    @WithDefault("Qwen/Qwen2.5-3B-Instruct")
    String model();

    /** Name clients use. */
    @WithDefault("qwen2.5-3b-instruct")
    String servedModelName();

    /** Extra simulator flags, e.g. {@code --sim-zero-delay}. */
    Optional<List<String>> args();
}
