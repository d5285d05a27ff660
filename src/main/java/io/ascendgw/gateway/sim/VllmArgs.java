package io.ascendgw.gateway.sim;

import java.util.List;

import io.ascendgw.gateway.sim.images.VisionSettings;
import io.ascendgw.gateway.sim.lora.LoraSettings;

/**
 * The vLLM {@code api_server} flags the simulator honours (every other vLLM flag is accepted and ignored).
 *
 * @param model                     {@code --model} (or the positional model of {@code vllm serve})
 * @param servedModelNames          {@code --served-model-name}; defaults to the model
 * @param host                      {@code --host}; null binds all interfaces and logs {@code 0.0.0.0}
 * @param port                      {@code --port} (0 picks a free port, a simulator convenience)
 * @param maxModelLen               {@code --max-model-len}
 * @param maxNumSeqs                {@code --max-num-seqs}
 * @param maxNumBatchedTokens       {@code --max-num-batched-tokens}, null for the version default
 * @param tensorParallelSize        {@code --tensor-parallel-size} / {@code -tp}: scales the default KV capacity
 * @param blockSize                 {@code --block-size}
 * @param numGpuBlocksOverride      {@code --num-gpu-blocks-override}, null when unset
 * @param gpuMemoryUtilization      {@code --gpu-memory-utilization}: scales the default KV capacity
 * @param enablePrefixCaching       {@code --[no-]enable-prefix-caching}, null for the version default
 * @param apiKeys                   {@code --api-key} (or {@code VLLM_API_KEY})
 * @param enableRequestIdHeaders    {@code --enable-request-id-headers}
 * @param enablePromptTokensDetails {@code --enable-prompt-tokens-details}
 * @param enableForceIncludeUsage   {@code --enable-force-include-usage}
 * @param enableServerLoadTracking  {@code --enable-server-load-tracking}
 * @param disableLogRequests        {@code --disable-log-requests}
 * @param enableLogRequests         {@code --enable-log-requests}
 * @param disableLogStats           {@code --disable-log-stats}
 * @param maxLogprobs               {@code --max-logprobs}
 * @param enableAutoToolChoice      {@code --enable-auto-tool-choice}: {@code tool_choice:"auto"} is accepted
 * @param pooling                   {@code --runner pooling} / {@code --task embed}: serves {@code /v1/embeddings}, not
 *                                  chat or completions
 * @param responsesStore            {@code VLLM_ENABLE_RESPONSES_API_STORE=1} in the environment: the Responses API
 *                                  keeps every response, for retrieval and {@code previous_response_id}
 * @param reasoning                 {@code --reasoning-parser} (with 0.7.3's {@code --enable-reasoning}): a reasoning
 *                                  model, whose chat answers think first and carry it in {@code reasoning_content}
 * @param lora                      {@code --enable-lora}, {@code --lora-modules}, {@code --max-loras} and
 *                                  {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING}
 * @param vision                    whether the model takes images ({@code --sim-multimodal} or its name), and
 *                                  {@code --limit-mm-per-prompt}, {@code --allowed-local-media-path},
 *                                  {@code VLLM_IMAGE_FETCH_TIMEOUT}, {@code VLLM_MEDIA_URL_ALLOW_REDIRECTS}
 */
public record VllmArgs(String model, List<String> servedModelNames, String host, int port, int maxModelLen,
        int maxNumSeqs, Integer maxNumBatchedTokens, int tensorParallelSize, int blockSize,
        Integer numGpuBlocksOverride, double gpuMemoryUtilization, Boolean enablePrefixCaching, List<String> apiKeys,
        boolean enableRequestIdHeaders, boolean enablePromptTokensDetails, boolean enableForceIncludeUsage,
        boolean enableServerLoadTracking, boolean disableLogRequests, boolean enableLogRequests,
        boolean disableLogStats, int maxLogprobs, boolean enableAutoToolChoice, boolean pooling,
        boolean responsesStore, boolean reasoning, LoraSettings lora, VisionSettings vision) {

    public VllmArgs {
        servedModelNames = List.copyOf(servedModelNames);
        apiKeys = List.copyOf(apiKeys);
    }

    /** The name responses and metrics carry. */
    public String primaryModelName() {
        return servedModelNames.get(0);
    }
}
