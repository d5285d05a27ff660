package io.ascendgw.gateway.sim;

import java.util.List;

/** Mutable flag values with vLLM's and the simulator's defaults, filled by the flag tables. */
final class SimArgsBuilder {
    String model;
    List<String> servedModelNames = List.of();
    String host;
    int port = 8000;
    int maxModelLen = 8192;
    int maxNumSeqs = 256;
    Integer maxNumBatchedTokens;
    int tensorParallelSize = 1;
    int blockSize = 128;
    Integer numGpuBlocksOverride;
    double gpuMemoryUtilization = 0.9;
    Boolean enablePrefixCaching;
    List<String> apiKeys = List.of();
    boolean enableRequestIdHeaders;
    boolean enablePromptTokensDetails;
    boolean enableForceIncludeUsage;
    boolean enableServerLoadTracking;
    boolean disableLogRequests;
    boolean enableLogRequests;
    boolean disableLogStats;
    int maxLogprobs = 20;
    String vllmVersion = "0.11.0";
    double prefillTokensPerSecond = 16000;
    double decodeBaseMillis = 14;
    double decodePerSeqMillis = 0.12;
    boolean zeroDelay;
    double startupDelaySeconds;
    long crashAfterRequests = -1;
    double crashAfterSeconds = -1;
    int crashExitCode = 1;
    long hangAfterRequests = -1;
    double hangAfterSeconds = -1;
    boolean hangHttp;
    double failRate;
    int abortStreamAfterTokens = -1;
    int workers = 1;
    long seed;
    double keepAliveSeconds = 5;
    double statsIntervalSeconds = 10;
    int eventLoops = 1;
    int outputLenMin = 10;
    int outputLenMax = 200;

    SimArgs build(List<String> unknown, boolean help) {
        String m = model == null ? "facebook/opt-125m" : model;
        List<String> names = servedModelNames.isEmpty() ? List.of(m) : servedModelNames;
        VllmArgs vllm = new VllmArgs(m, names, host, port, maxModelLen, maxNumSeqs, maxNumBatchedTokens,
                tensorParallelSize, blockSize, numGpuBlocksOverride, gpuMemoryUtilization, enablePrefixCaching,
                apiKeys, enableRequestIdHeaders, enablePromptTokensDetails, enableForceIncludeUsage,
                enableServerLoadTracking, disableLogRequests, enableLogRequests, disableLogStats, maxLogprobs);
        SimOptions sim = new SimOptions(vllmVersion, prefillTokensPerSecond, decodeBaseMillis,
                decodePerSeqMillis, zeroDelay, startupDelaySeconds, crashAfterRequests, crashAfterSeconds,
                crashExitCode, hangAfterRequests, hangAfterSeconds, hangHttp, failRate, abortStreamAfterTokens,
                workers, seed, keepAliveSeconds, statsIntervalSeconds, Math.max(1, eventLoops), outputLenMin,
                outputLenMax);
        return new SimArgs(vllm, sim, unknown, help);
    }
}
