package io.ascendgw.gateway.sim.engine;

/** What the engine reports for metrics. All methods are called on the engine thread and must be cheap. */
public interface EngineObserver {

    /** A sequence was admitted with prefix caching on: {@code queriedTokens} looked up, {@code hitTokens} found. */
    void onPrefixLookup(int queriedTokens, int hitTokens, int queriedBlocks, int hitBlocks);

    /** A running sequence was preempted back to the waiting queue. */
    void onPreemption();

    /** One engine step ran with {@code tokens} scheduled tokens (prefill plus decode). */
    void onStep(int tokens);

    /** A sequence produced its first token {@code ttftSeconds} after arrival; its prompt counts as processed. */
    void onFirstToken(int promptTokens, double ttftSeconds);

    /** A sequence produced a later token {@code interTokenSeconds} after its previous one. */
    void onNextToken(double interTokenSeconds);

    /** A sequence finished (never called for aborted sequences). */
    void onFinished(FinishedSequence finished);

    /** Scheduler gauges after a step or queue change. */
    void onSchedulerState(int running, int waiting, int usedBlocks);

    /**
     * With LoRA on, after a step or queue change: the distinct adapters of running and of waiting requests, each
     * comma-joined as vLLM's {@code vllm:lora_requests_info} labels carry them ("" for none).
     */
    default void onLoraState(String runningAdapters, String waitingAdapters) {
    }
}
