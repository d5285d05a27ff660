package io.ascendgw.gateway.bench.lora;

/**
 * One run of the LoRA benchmark: one gateway configuration at one request rate. Latencies in milliseconds.
 *
 * @param engines the engines' queue counters over the run
 */
record LoraRow(String config, double rate, long completed, long failed, double requestsPerSecond,
        double outputTokensPerSecond, double ttftP50Ms, double ttftP99Ms, double e2eP50Ms, double e2eP99Ms,
        EngineCounters engines) {
}
