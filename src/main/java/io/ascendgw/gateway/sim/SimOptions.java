package io.ascendgw.gateway.sim;

/**
 * The simulator-only {@code --sim-*} flags. Negative trigger values mean "off".
 *
 * @param vllmVersion            emulated vLLM version ({@code 0.11.0} or {@code 0.7.3}, others map to the nearest)
 * @param prefillTokensPerSecond prefill throughput of uncached prompt tokens
 * @param decodeBaseMillis       per-step decode cost
 * @param decodePerSeqMillis     extra per-step cost per scheduled sequence
 * @param zeroDelay              no simulated time at all (proxy benchmarks)
 * @param startupDelaySeconds    refuse connections this long before listening
 * @param crashAfterRequests     exit abruptly when generation request N+1 arrives
 * @param crashAfterSeconds      exit abruptly this long after becoming ready
 * @param crashExitCode          exit status of a simulated crash
 * @param hangAfterRequests      hang the engine when generation request N+1 arrives
 * @param hangAfterSeconds       hang the engine this long after becoming ready
 * @param hangHttp               a hang also stops HTTP answers (process alive, nothing answers)
 * @param failRate               fraction of generation requests answered 500 (deterministic)
 * @param abortStreamAfterTokens close streaming connections abruptly after K tokens
 * @param workers                stand-in EngineCore/worker child processes
 * @param seed                   default sampling seed
 * @param keepAliveSeconds       idle keep-alive timeout between requests
 * @param statsIntervalSeconds   period of the stats log line
 * @param eventLoops             HTTP event-loop threads
 * @param outputLenMin           shortest natural output (tokens, EOS included)
 * @param outputLenMax           longest natural output (tokens, EOS included)
 * @param embeddingDim           length of the vectors a pooling model answers {@code /v1/embeddings} with
 */
public record SimOptions(String vllmVersion, double prefillTokensPerSecond, double decodeBaseMillis,
        double decodePerSeqMillis, boolean zeroDelay, double startupDelaySeconds, long crashAfterRequests,
        double crashAfterSeconds, int crashExitCode, long hangAfterRequests, double hangAfterSeconds,
        boolean hangHttp, double failRate, int abortStreamAfterTokens, int workers, long seed,
        double keepAliveSeconds, double statsIntervalSeconds, int eventLoops, int outputLenMin, int outputLenMax,
        int embeddingDim) {
}
