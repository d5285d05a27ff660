package io.ascendgw.gateway.sim;

import static io.ascendgw.gateway.sim.FlagSpec.Arity.MANY;
import static io.ascendgw.gateway.sim.FlagSpec.Arity.ONE;
import static io.ascendgw.gateway.sim.FlagSpec.Arity.SWITCH;
import static io.ascendgw.gateway.sim.FlagSpec.doubleValue;
import static io.ascendgw.gateway.sim.FlagSpec.intValue;

import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.sim.lora.LoraModule;

/** The vLLM flags the simulator honours, and the vLLM flags it knows but ignores silently. */
final class VllmFlags {

    /** vLLM switches that take no value (so they never swallow the next token). */
    static final Set<String> IGNORED_SWITCHES = Set.of("--trust-remote-code", "--enforce-eager",
            "--disable-custom-all-reduce",
            "--disable-frontend-multiprocessing", "--disable-uvicorn-access-log", "--disable-fastapi-docs",
            "--disable-sliding-window", "--use-v2-block-manager", "--enable-expert-parallel",
            "--disable-async-output-proc", "--enable-sleep-mode", "--return-tokens-as-token-ids", "--headless",
            "--enable-chunked-prefill", "--no-enable-chunked-prefill",
            "--skip-tokenizer-init", "--disable-log-requests-details", "--enable-tokenizer-info-endpoint");

    /** vLLM flags with a value that the simulator accepts without a warning. */
    static final Set<String> IGNORED_VALUED = Set.of("--dtype", "--tokenizer", "--revision", "--download-dir",
            "--load-format", "--seed", "--swap-space", "--pipeline-parallel-size", "-pp", "--data-parallel-size",
            "-dp", "--kv-cache-dtype", "--quantization", "-q", "--max-log-len", "--uvicorn-log-level",
            "--chat-template", "--response-role", "--tool-call-parser", "--root-path",
            "--allowed-origins", "--allowed-methods", "--allowed-headers", "--config", "--distributed-executor-backend",
            "--compilation-config", "-O", "--additional-config", "--max-seq-len-to-capture", "--hf-overrides",
            "--generation-config", "--override-generation-config", "--cpu-offload-gb",
            "--max-lora-rank", "--max-cpu-loras", "--tokenizer-mode",
            "--speculative-config", "--ssl-keyfile", "--ssl-certfile", "--uds", "--api-server-count",
            "--show-hidden-metrics-for-version", "--chat-template-content-format", "--middleware",
            "--worker-cls", "--scheduling-policy", "--max-num-partial-prefills", "--long-prefill-token-threshold");

    private VllmFlags() {
    }

    static List<FlagSpec> all() {
        return List.of(
                FlagSpec.of("--model", ONE, "MODEL", "model path or id (default facebook/opt-125m)",
                        (b, v) -> b.model = v.get(0)),
                FlagSpec.of("--served-model-name", MANY, "NAME [NAME ...]",
                        "names the model answers to; responses and metrics carry the first (default: the model)",
                        (b, v) -> b.servedModelNames = List.copyOf(v)),
                FlagSpec.of("--host", ONE, "HOST", "bind address (default all interfaces, logged as 0.0.0.0)",
                        (b, v) -> b.host = v.get(0)),
                FlagSpec.of("--port", ONE, "PORT", "listen port (default 8000; 0 picks a free port)",
                        (b, v) -> b.port = port(v.get(0))),
                FlagSpec.of("--max-model-len", ONE, "N", "context length in tokens (default 8192)",
                        (b, v) -> b.maxModelLen = intValue("--max-model-len", v.get(0))),
                FlagSpec.of("--max-num-seqs", ONE, "N", "running-set limit (default 256)",
                        (b, v) -> b.maxNumSeqs = intValue("--max-num-seqs", v.get(0))),
                FlagSpec.of("--max-num-batched-tokens", ONE, "N",
                        "token budget per engine step (default 2048 for V1; max-model-len for 0.7.3)",
                        (b, v) -> b.maxNumBatchedTokens = intValue("--max-num-batched-tokens", v.get(0))),
                new FlagSpec(List.of("--tensor-parallel-size", "-tp"), ONE, "N",
                        "devices per instance; scales the default KV capacity (default 1)",
                        (b, v) -> b.tensorParallelSize = intValue("--tensor-parallel-size", v.get(0))),
                FlagSpec.of("--block-size", ONE, "N", "tokens per KV block (default 128 as on vllm-ascend)",
                        (b, v) -> b.blockSize = intValue("--block-size", v.get(0))),
                FlagSpec.of("--num-gpu-blocks-override", ONE, "N", "KV blocks (default: derived, see below)",
                        (b, v) -> b.numGpuBlocksOverride = intValue("--num-gpu-blocks-override", v.get(0))),
                FlagSpec.of("--gpu-memory-utilization", ONE, "F",
                        "device memory fraction; scales the default KV capacity (default 0.9)",
                        (b, v) -> b.gpuMemoryUtilization = doubleValue("--gpu-memory-utilization", v.get(0))),
                FlagSpec.of("--enable-prefix-caching", SWITCH, "",
                        "automatic prefix caching; --no-enable-prefix-caching turns it off (default on for V1, "
                                + "off for 0.7.3)",
                        (b, v) -> b.enablePrefixCaching = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--api-key", MANY, "KEY", "require 'Authorization: Bearer KEY' on /v1/* (or VLLM_API_KEY)",
                        (b, v) -> b.apiKeys = List.copyOf(v)),
                FlagSpec.of("--enable-request-id-headers", SWITCH, "", "echo X-Request-Id as a response header",
                        (b, v) -> b.enableRequestIdHeaders = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--enable-prompt-tokens-details", SWITCH, "",
                        "usage.prompt_tokens_details.cached_tokens when > 0",
                        (b, v) -> b.enablePromptTokensDetails = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--enable-force-include-usage", SWITCH, "",
                        "usage chunk whenever stream_options is present",
                        (b, v) -> b.enableForceIncludeUsage = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--enable-server-load-tracking", SWITCH, "", "GET /load counts in-flight requests",
                        (b, v) -> b.enableServerLoadTracking = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--disable-log-requests", SWITCH, "", "no request log lines (0.7.3 logs them by default)",
                        (b, v) -> b.disableLogRequests = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--enable-log-requests", SWITCH, "", "request log lines (V1; off by default)",
                        (b, v) -> b.enableLogRequests = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--disable-log-stats", SWITCH, "", "no stats log line and no vllm:* metric families",
                        (b, v) -> b.disableLogStats = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--max-logprobs", ONE, "N", "largest logprobs/top_logprobs accepted (default 20)",
                        (b, v) -> b.maxLogprobs = intValue("--max-logprobs", v.get(0))),
                FlagSpec.of("--runner", ONE, "RUNNER",
                        "pooling: an embedding model (POST /v1/embeddings; chat and completions refused); "
                                + "default generate",
                        (b, v) -> b.runner = v.get(0)),
                FlagSpec.of("--task", ONE, "TASK", "0.7.3's spelling: embed (or embedding) is --runner pooling",
                        (b, v) -> b.task = v.get(0)),
                FlagSpec.of("--enable-auto-tool-choice", SWITCH, "",
                        "accept tool_choice \"auto\" (the model then calls a tool; refused with 400 otherwise)",
                        (b, v) -> b.enableAutoToolChoice = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--reasoning-parser", ONE, "PARSER",
                        "a reasoning model (qwen3, deepseek_r1, ...): answers think first, in reasoning_content "
                                + "(0.7.3 also needs --enable-reasoning)",
                        (b, v) -> b.reasoningParser = v.get(0)),
                FlagSpec.of("--enable-reasoning", SWITCH, "", "0.7.3: reasoning_content with --reasoning-parser",
                        (b, v) -> b.enableReasoning = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--enable-lora", SWITCH, "", "serve LoRA adapters (--lora-modules, /v1/load_lora_adapter)",
                        (b, v) -> b.enableLora = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--lora-modules", MANY, "NAME=PATH|JSON [...]",
                        "adapters served beside the model; a local PATH must exist (hub ids are taken as found)",
                        (b, v) -> v.forEach(item -> b.loraModules.add(loraModule(item)))),
                FlagSpec.of("--max-loras", ONE, "N", "distinct adapters one batch runs; others wait (default 1)",
                        (b, v) -> b.maxLoras = intValue("--max-loras", v.get(0))),
                FlagSpec.of("--limit-mm-per-prompt", ONE, "LIMITS",
                        "images per prompt of a vision-language model: JSON ({\"image\": 2}) in V1, image=2 in 0.7.3 "
                                + "(default 999 in V1, 1 in 0.7.3)",
                        (b, v) -> b.limitMmPerPrompt = v.get(0)),
                FlagSpec.of("--allowed-local-media-path", ONE, "DIR",
                        "directory that file:// image URLs may be read from (default none: file URLs refused)",
                        (b, v) -> b.allowedLocalMediaPath = v.get(0)));
    }

    private static LoraModule loraModule(String item) {
        try {
            return LoraModule.parse(item);
        } catch (IllegalArgumentException e) {
            throw new SimArgsException(e.getMessage());
        }
    }

    private static int port(String v) {
        int port = intValue("--port", v);
        if (port < 0 || port > 65535) {
            throw new SimArgsException("argument --port: Port must be between 1 and 65535, got " + port);
        }
        return port;
    }
}
