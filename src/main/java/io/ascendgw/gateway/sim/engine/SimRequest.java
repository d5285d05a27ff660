package io.ascendgw.gateway.sim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A generation request handed to the engine: its prompts, sampling parameters and the listener that receives its
 * output. Fields below the constructor are owned by the engine thread.
 */
public final class SimRequest {

    private final String id;
    private final List<PromptSpec> prompts;
    private final SamplingSpec sampling;
    private final boolean streaming;
    private final GenerationListener listener;
    private final long arrivalNanos;
    private final String lora;

    Sequence[] sequences;
    int unfinished;
    boolean done;
    boolean touched;
    ArrayList<ChoiceDelta> pendingDeltas = new ArrayList<>(2);

    /**
     * @param id           request id (for logs)
     * @param prompts      one or more prompts; choices are {@code promptIndex * n + sampleIndex}
     * @param sampling     sampling parameters
     * @param streaming    whether the listener wants per-step deltas
     * @param listener     receives the output on the engine thread
     * @param arrivalNanos {@link System#nanoTime()} when the HTTP request arrived
     */
    public SimRequest(String id, List<PromptSpec> prompts, SamplingSpec sampling, boolean streaming,
            GenerationListener listener, long arrivalNanos) {
        this(id, prompts, sampling, streaming, listener, arrivalNanos, null);
    }

    /** A request for a LoRA adapter ({@code lora} its name, null for the model itself). */
    public SimRequest(String id, List<PromptSpec> prompts, SamplingSpec sampling, boolean streaming,
            GenerationListener listener, long arrivalNanos, String lora) {
        this.lora = lora;
        this.id = id;
        this.prompts = List.copyOf(prompts);
        this.sampling = sampling;
        this.streaming = streaming;
        this.listener = listener;
        this.arrivalNanos = arrivalNanos;
    }

    public String id() {
        return id;
    }

    public List<PromptSpec> prompts() {
        return prompts;
    }

    public SamplingSpec sampling() {
        return sampling;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The LoRA adapter it runs with, null for the model itself. */
    public String lora() {
        return lora;
    }

    GenerationListener listener() {
        return listener;
    }

    long arrivalNanos() {
        return arrivalNanos;
    }
}
