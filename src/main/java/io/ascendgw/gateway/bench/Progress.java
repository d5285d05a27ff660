package io.ascendgw.gateway.bench;

import java.util.Locale;

/**
 * A snapshot of a running phase, published about once a second.
 *
 * @param label the spec's label
 * @param warmup true during the warm-up phase
 * @param elapsedSeconds time since the phase started
 * @param completed successful requests so far
 * @param failed failed requests so far
 * @param target requests the phase will send, or -1 when it runs for a time budget
 * @param budgetSeconds the time budget, or -1 when the phase sends a fixed count
 * @param inFlight requests sent and not finished
 * @param recentRate completions (successful or failed) per second over the last interval
 */
public record Progress(String label, boolean warmup, double elapsedSeconds, long completed, long failed, long target,
        double budgetSeconds, int inFlight, double recentRate) {

    /** One status line, e.g. {@code [bench] 3.0s done 300/1000 99.8 req/s errors 0 in-flight 12}. */
    public String line() {
        String done = target >= 0 ? (completed + failed) + "/" + target
                : (completed + failed) + " (" + String.format(Locale.ROOT, "%.0f/%.0fs", elapsedSeconds,
                        budgetSeconds) + ")";
        return String.format(Locale.ROOT, "[bench%s]%s %.1fs done %s %.1f req/s errors %d in-flight %d",
                label.isEmpty() ? "" : " " + label, warmup ? " warmup" : "", elapsedSeconds, done, recentRate, failed,
                inFlight);
    }
}
