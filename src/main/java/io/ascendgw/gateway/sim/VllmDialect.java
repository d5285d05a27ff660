package io.ascendgw.gateway.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version-dependent wire behaviour of the emulated vLLM, derived from the version string
 * ({@code 0.7.3}, {@code 0.11.0}, {@code 0.7.3+empty} ...). Below 0.8 means the V0 engine of 0.7.3.
 *
 * @param version the string {@code /version} reports
 * @param code    {@code major * 10000 + minor * 100 + patch}
 */
public record VllmDialect(String version, int code) {

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses a version string; unparsable strings behave like 0.11.0. */
    public static VllmDialect of(String version) {
        Matcher m = NUMBERS.matcher(version);
        if (!m.find()) {
            return new VllmDialect(version, 1100);
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new VllmDialect(version, Integer.parseInt(m.group(1)) * 10000 + Integer.parseInt(m.group(2)) * 100
                + patch);
    }

    /** vLLM 0.7.x (V0 engine, multiprocess metrics, flat errors, {@code model} required). */
    public boolean legacy() {
        return code < 800;
    }

    /** Errors as {@code {"error":{...}}} (0.10.1+), else flat {@code {"object":"error",...}}. */
    public boolean nestedErrors() {
        return code >= 1001;
    }

    /** 0.11 response shapes ({@code token_ids}, {@code service_tier}, {@code kv_transfer_params} ...; 0.10.2+). */
    public boolean v011Shapes() {
        return code >= 1002;
    }

    /** {@code /health} of a dead engine: 503 from 0.11, 500 before. */
    public int deadHealthStatus() {
        return code >= 1100 ? 503 : 500;
    }

    /** Log lines prefixed {@code (APIServer pid=N) } (0.10.1+). */
    public boolean pidPrefixedLogs() {
        return code >= 1001;
    }

    /** Logger location written as {@code [file.py:line]} (V1 era) rather than {@code file.py:line]}. */
    public boolean bracketedLogLocation() {
        return code >= 900;
    }

    /** Ready line {@code Starting vLLM API server 0 on ...} (0.9.1+) instead of {@code ... server on ...}. */
    public boolean indexedReadyLine() {
        return code >= 901;
    }

    /** {@code vllm:kv_cache_usage_perc} and {@code vllm:prefix_cache_*} names (0.9.2+). */
    public boolean kvCacheUsageName() {
        return code >= 902;
    }

    /** {@code vllm:inter_token_latency_seconds} exists (0.11+). */
    public boolean interTokenLatency() {
        return code >= 1100;
    }

    /** The {@code structured_outputs} request field (0.11+). */
    public boolean structuredOutputsField() {
        return code >= 1100;
    }

    /**
     * Chat preprocessing errors read {@code "<error> <cause>"} ({@code None} without a cause): serving_chat's
     * {@code create_error_response(f"{e} {e.__cause__}")}, seen from 0.8.5 (0.7.3 answers {@code str(e)}) until the
     * error responses were reworked (taken as 0.12).
     */
    public boolean preprocessingErrorsNameCause() {
        return code >= 805 && code < 1200;
    }

    /**
     * The multimodal item limit as the processor words it ({@code "At most 2 image(s) may be provided in one
     * prompt."}, 0.10.1+); before, chat parsing's {@code "... in one request. You can set `--limit-mm-per-prompt` to
     * increase this limit if the model supports it."}.
     */
    public boolean processorMediaLimits() {
        return code >= 1001;
    }

    /** The {@code guided_json}, {@code guided_choice}, {@code guided_regex} extras (removed in 0.12: ignored). */
    public boolean guidedFields() {
        return code < 1200;
    }
}
