package io.ascendgw.gateway.sim;

import static io.ascendgw.gateway.sim.FlagSpec.Arity.ONE;
import static io.ascendgw.gateway.sim.FlagSpec.Arity.SWITCH;
import static io.ascendgw.gateway.sim.FlagSpec.doubleValue;
import static io.ascendgw.gateway.sim.FlagSpec.intValue;
import static io.ascendgw.gateway.sim.FlagSpec.longValue;

import java.util.List;

/** The simulator's own {@code --sim-*} flags, with their help lines (the {@code --help} text). */
final class SimFlags {

    private SimFlags() {
    }

    private static boolean bool(String flag, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new SimArgsException("argument " + flag + ": invalid choice: '" + value + "' (choose from 'true', 'false')");
    }

    static List<FlagSpec> all() {
        return List.of(
                FlagSpec.of("--sim-vllm-version", ONE, "V",
                        "emulated vLLM: 0.11.0 (V1 metrics, nested errors, 0.11 shapes) or 0.7.3 (v0.7 metric "
                                + "names, flat errors, 0.7.3 shapes); /version reports it (default 0.11.0)",
                        (b, v) -> b.vllmVersion = v.get(0)),
                FlagSpec.of("--sim-prefill-tokens-per-s", ONE, "F",
                        "prefill rate of uncached prompt tokens (default 16000)",
                        (b, v) -> b.prefillTokensPerSecond = doubleValue("--sim-prefill-tokens-per-s", v.get(0))),
                FlagSpec.of("--sim-decode-base-ms", ONE, "F", "per-step decode time (default 14)",
                        (b, v) -> b.decodeBaseMillis = doubleValue("--sim-decode-base-ms", v.get(0))),
                FlagSpec.of("--sim-decode-per-seq-ms", ONE, "F",
                        "extra step time per running sequence (default 0.12)",
                        (b, v) -> b.decodePerSeqMillis = doubleValue("--sim-decode-per-seq-ms", v.get(0))),
                FlagSpec.of("--sim-zero-delay", SWITCH, "",
                        "no simulated time at all; same text and metrics (proxy benchmarks)",
                        (b, v) -> b.zeroDelay = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--sim-startup-delay", ONE, "S",
                        "seconds of 'model loading' before listening; connections are refused meanwhile (default 0)",
                        (b, v) -> b.startupDelaySeconds = doubleValue("--sim-startup-delay", v.get(0))),
                FlagSpec.of("--sim-crash-after-requests", ONE, "N",
                        "exit abruptly when generation request N+1 arrives (default off)",
                        (b, v) -> b.crashAfterRequests = longValue("--sim-crash-after-requests", v.get(0))),
                FlagSpec.of("--sim-crash-after-seconds", ONE, "S", "exit abruptly S seconds after ready (default off)",
                        (b, v) -> b.crashAfterSeconds = doubleValue("--sim-crash-after-seconds", v.get(0))),
                FlagSpec.of("--sim-crash-exit-code", ONE, "N", "exit status of a simulated crash (default 1)",
                        (b, v) -> b.crashExitCode = intValue("--sim-crash-exit-code", v.get(0))),
                FlagSpec.of("--sim-hang-after-requests", ONE, "N",
                        "the engine stops producing tokens when generation request N+1 arrives; /health stays 200 "
                                + "(default off)",
                        (b, v) -> b.hangAfterRequests = longValue("--sim-hang-after-requests", v.get(0))),
                FlagSpec.of("--sim-hang-after-seconds", ONE, "S", "engine hang S seconds after ready (default off)",
                        (b, v) -> b.hangAfterSeconds = doubleValue("--sim-hang-after-seconds", v.get(0))),
                FlagSpec.of("--sim-hang-http", SWITCH, "",
                        "a hang also stops every HTTP answer except /sim/* (process alive); alone: hang from start",
                        (b, v) -> b.hangHttp = Boolean.parseBoolean(v.get(0))),
                FlagSpec.of("--sim-fail-rate", ONE, "P",
                        "fraction of generation requests answered 500; request k fails when floor(k*P) grows "
                                + "(deterministic, default 0)",
                        (b, v) -> b.failRate = doubleValue("--sim-fail-rate", v.get(0))),
                FlagSpec.of("--sim-abort-stream-after-tokens", ONE, "K",
                        "close streaming connections abruptly after K token events (default off)",
                        (b, v) -> b.abortStreamAfterTokens = intValue("--sim-abort-stream-after-tokens", v.get(0))),
                FlagSpec.of("--sim-workers", ONE, "N",
                        "child processes marked 'vllm-sim-worker' standing in for EngineCore/TP workers; they "
                                + "survive SIGKILL of the simulator, SIGTERM/SIGINT stops them (default 1)",
                        (b, v) -> b.workers = intValue("--sim-workers", v.get(0))),
                FlagSpec.of("--sim-seed", ONE, "N", "seed for requests without 'seed' (default 0)",
                        (b, v) -> b.seed = longValue("--sim-seed", v.get(0))),
                FlagSpec.of("--sim-keep-alive-timeout", ONE, "S",
                        "close keep-alive connections idle this long between requests (default 5, as uvicorn)",
                        (b, v) -> b.keepAliveSeconds = doubleValue("--sim-keep-alive-timeout", v.get(0))),
                FlagSpec.of("--sim-stats-interval", ONE, "S",
                        "period of the stats log line (default VLLM_LOG_STATS_INTERVAL or 10)",
                        (b, v) -> b.statsIntervalSeconds = doubleValue("--sim-stats-interval", v.get(0))),
                FlagSpec.of("--sim-event-loops", ONE, "N", "HTTP event-loop threads (default 1, like uvicorn)",
                        (b, v) -> b.eventLoops = intValue("--sim-event-loops", v.get(0))),
                FlagSpec.of("--sim-output-len-min", ONE, "N", "shortest natural answer in tokens (default 10)",
                        (b, v) -> b.outputLenMin = intValue("--sim-output-len-min", v.get(0))),
                FlagSpec.of("--sim-output-len-max", ONE, "N", "longest natural answer in tokens (default 200)",
                        (b, v) -> b.outputLenMax = intValue("--sim-output-len-max", v.get(0))),
                FlagSpec.of("--sim-multimodal", ONE, "true|false",
                        "the model takes images (data, http(s) and allowed file URLs; Qwen2.5-VL token counts); "
                                + "default: when --model or a served name looks like a VL model (-VL, vision, llava, ...)",
                        (b, v) -> b.multimodal = bool("--sim-multimodal", v.get(0))),
                FlagSpec.of("--sim-embedding-dim", ONE, "N",
                        "length of the embedding vectors of a pooling model (default 1024)",
                        (b, v) -> b.embeddingDim = intValue("--sim-embedding-dim", v.get(0))));
    }
}
