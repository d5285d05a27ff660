package io.ascendgw.gateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters and latency distributions of one phase. Event-loop confined: every method is called on the run's event
 * loop, so nothing is synchronised.
 */
final class MetricsRecorder {

    final LatencyStats ttft = new LatencyStats();
    final LatencyStats tpot = new LatencyStats();
    final LatencyStats itl = new LatencyStats();
    final LatencyStats e2e = new LatencyStats();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> errorSamples = new LinkedHashMap<>();
    private final GoodputSlo goodput;
    private long completed;
    private long good;
    private long failed;
    private long promptTokens;
    private long outputTokens;
    private long contentChunks;
    private long withoutUsage;
    private long sendLagSamples;
    private double sendLagSumNanos;
    private long maxSendLagNanos;

    /** Without goodput objectives. */
    MetricsRecorder() {
        this(null);
    }

    /** Counting the requests that meet {@code goodput}, when not null. */
    MetricsRecorder(GoodputSlo goodput) {
        this.goodput = goodput;
    }

    /**
     * TPOT of one request: time after the first token divided by the remaining tokens,
     * {@code (e2e - ttft) / (outputTokens - 1)}; -1 when undefined (no first token, or fewer than 2 tokens).
     */
    static long tpotNanos(long e2eNanos, long ttftNanos, long outputTokens) {
        if (ttftNanos < 0 || outputTokens < 2) {
            return -1;
        }
        return (e2eNanos - ttftNanos) / (outputTokens - 1);
    }

    /**
     * A successful request.
     *
     * @param ttftNanos time to the first content event, -1 when not streamed or no content came
     * @param gapsNanos inter-content-event gaps (ITL samples), valid in {@code [0, gapCount)}
     * @param usageReported false when the server sent no usage and token counts were estimated from chunks
     */
    void recordSuccess(long e2eNanos, long ttftNanos, int prompt, int output, int chunks, long[] gapsNanos,
            int gapCount, boolean usageReported) {
        completed++;
        promptTokens += Math.max(0, prompt);
        outputTokens += Math.max(0, output);
        contentChunks += chunks;
        if (!usageReported) {
            withoutUsage++;
        }
        e2e.recordNanos(e2eNanos);
        if (ttftNanos >= 0) {
            ttft.recordNanos(ttftNanos);
        }
        long tpotValue = tpotNanos(e2eNanos, ttftNanos, output);
        if (tpotValue >= 0) {
            tpot.recordNanos(tpotValue);
        }
        if (goodput != null && goodput.met(e2eNanos, ttftNanos, tpotValue)) {
            good++;
        }
        for (int i = 0; i < gapCount; i++) {
            itl.recordNanos(gapsNanos[i]);
        }
    }

    /** A failed request: counted by kind; the first detail per kind is kept as a sample. */
    void recordFailure(RequestFailure failure) {
        failed++;
        errors.merge(failure.kind(), 1L, Long::sum);
        errorSamples.putIfAbsent(failure.kind(), failure.detail());
    }

    /** How late an open-loop send left compared with its scheduled time (the generator's own lag). */
    void recordSendLag(long lagNanos) {
        sendLagSamples++;
        sendLagSumNanos += lagNanos;
        maxSendLagNanos = Math.max(maxSendLagNanos, lagNanos);
    }

    long completed() {
        return completed;
    }

    /** Successful requests that met every goodput objective (0 without objectives). */
    long good() {
        return good;
    }

    long failed() {
        return failed;
    }

    long promptTokens() {
        return promptTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    long contentChunks() {
        return contentChunks;
    }

    long withoutUsage() {
        return withoutUsage;
    }

    Map<String, Long> errors() {
        return Map.copyOf(errors);
    }

    Map<String, String> errorSamples() {
        return Map.copyOf(errorSamples);
    }

    double meanSendLagMs() {
        return sendLagSamples == 0 ? 0 : sendLagSumNanos / sendLagSamples / 1e6;
    }

    double maxSendLagMs() {
        return maxSendLagNanos / 1e6;
    }
}
