package io.ascendgw.gateway.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.sim.images.MmLimits;
import io.ascendgw.gateway.sim.images.VisionModels;
import io.ascendgw.gateway.sim.images.VisionSettings;
import io.ascendgw.gateway.sim.lora.LoraModule;
import io.ascendgw.gateway.sim.lora.LoraSettings;

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
    boolean enableAutoToolChoice;
    String reasoningParser;
    boolean enableReasoning;
    String task;
    String runner;
    int embeddingDim = 1024;
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
    boolean responsesStore;
    boolean enableLora;
    List<LoraModule> loraModules = new ArrayList<>();
    int maxLoras = 1;
    boolean runtimeLoraUpdating;
    Boolean multimodal;
    String limitMmPerPrompt = "";
    String allowedLocalMediaPath = "";
    int imageFetchTimeoutSeconds = 5;
    boolean mediaUrlRedirects = true;

    SimArgs build(List<String> unknown, boolean help) {
        checkRanges();
        String m = model == null ? "facebook/opt-125m" : model;
        List<String> names = servedModelNames.isEmpty() ? List.of(m) : servedModelNames;
        VllmArgs vllm = new VllmArgs(m, names, host, port, maxModelLen, maxNumSeqs, maxNumBatchedTokens,
                tensorParallelSize, blockSize, numGpuBlocksOverride, gpuMemoryUtilization, enablePrefixCaching,
                apiKeys, enableRequestIdHeaders, enablePromptTokensDetails, enableForceIncludeUsage,
                enableServerLoadTracking, disableLogRequests, enableLogRequests, disableLogStats, maxLogprobs,
                enableAutoToolChoice, pooling(), responsesStore, reasoning(),
                new LoraSettings(enableLora, loraModules, maxLoras, runtimeLoraUpdating), vision(m, names));
        SimOptions sim = new SimOptions(vllmVersion, prefillTokensPerSecond, decodeBaseMillis,
                decodePerSeqMillis, zeroDelay, startupDelaySeconds, crashAfterRequests, crashAfterSeconds,
                crashExitCode, hangAfterRequests, hangAfterSeconds, hangHttp, failRate, abortStreamAfterTokens,
                workers, seed, keepAliveSeconds, statsIntervalSeconds, Math.max(1, eventLoops), outputLenMin,
                outputLenMax, embeddingDim);
        return new SimArgs(vllm, sim, unknown, help);
    }

    /**
     * Images: a vision-language model by flag or by name; its image limit in the version's syntax (argparse's refusal
     * for a malformed one); the local media directory (checked when the engine starts).
     */
    private VisionSettings vision(String model, List<String> names) {
        boolean legacy = VllmDialect.of(vllmVersion).legacy();
        int imageLimit;
        try {
            imageLimit = MmLimits.parse(limitMmPerPrompt, legacy).getOrDefault("image", MmLimits.defaultLimit(legacy));
        } catch (IllegalArgumentException e) {
            throw new SimArgsException("argument --limit-mm-per-prompt: " + e.getMessage());
        }
        Path mediaPath = allowedLocalMediaPath.isEmpty() ? null : Path.of(allowedLocalMediaPath);
        boolean vl = multimodal != null ? multimodal
                : VisionModels.looksMultimodal(model) || names.stream().anyMatch(VisionModels::looksMultimodal);
        return new VisionSettings(vl, imageLimit, mediaPath, Duration.ofSeconds(imageFetchTimeoutSeconds),
                mediaUrlRedirects);
    }

    /** A reasoning model: a reasoning parser, which 0.7.3 also had to enable. */
    private boolean reasoning() {
        return reasoningParser != null && (enableReasoning || !VllmDialect.of(vllmVersion).legacy());
    }

    /** A pooling model ({@code --runner pooling}, or 0.7.3's {@code --task embed}): embeddings, no generation. */
    private boolean pooling() {
        if (runner != null) {
            return runner.equals("pooling");
        }
        return task != null && List.of("embed", "embedding", "classify", "score", "reward").contains(task);
    }

    /** Values no engine could run with, refused as argparse refuses a bad value (exit 2), not as a crash. */
    private void checkRanges() {
        atLeastOne("--max-model-len", maxModelLen);
        atLeastOne("--max-num-seqs", maxNumSeqs);
        atLeastOne("--tensor-parallel-size", tensorParallelSize);
        atLeastOne("--block-size", blockSize);
        atLeastOne("--sim-embedding-dim", embeddingDim);
        atLeastOne("--max-loras", maxLoras);
        if (runner != null && !List.of("auto", "generate", "pooling", "draft").contains(runner)) {
            throw new SimArgsException("argument --runner: invalid choice: '" + runner
                    + "' (choose from 'auto', 'generate', 'pooling', 'draft')");
        }
        if (maxNumBatchedTokens != null) {
            atLeastOne("--max-num-batched-tokens", maxNumBatchedTokens);
        }
        if (numGpuBlocksOverride != null) {
            atLeastOne("--num-gpu-blocks-override", numGpuBlocksOverride);
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw new SimArgsException("argument --gpu-memory-utilization: must be in (0, 1], got "
                    + gpuMemoryUtilization);
        }
        if (!(failRate >= 0 && failRate <= 1)) {
            throw new SimArgsException("argument --sim-fail-rate: must be in [0, 1], got " + failRate);
        }
        if (!(prefillTokensPerSecond > 0) || !(decodeBaseMillis >= 0) || !(decodePerSeqMillis >= 0)) {
            throw new SimArgsException("arguments --sim-prefill-tokens-per-s (> 0), --sim-decode-base-ms and"
                    + " --sim-decode-per-seq-ms (>= 0) out of range");
        }
        if (outputLenMin < 1 || outputLenMax < outputLenMin) {
            throw new SimArgsException("arguments --sim-output-len-min/--sim-output-len-max: need 1 <= min <= max"
                    + " (defaults 10 and 200), got " + outputLenMin + " and " + outputLenMax);
        }
    }

    private static void atLeastOne(String flag, int value) {
        if (value < 1) {
            throw new SimArgsException("argument " + flag + ": must be >= 1, got " + value);
        }
    }
}
