package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Service-level objectives for goodput, as vLLM's benchmark takes them ({@code --goodput ttft:300 tpot:50}): a
 * successful request is good when it meets every objective given. Milliseconds; NaN where none is given. As in
 * vLLM, a non-streamed request's TTFT is its whole latency and the TPOT of a one-token answer is 0.
 */
public record GoodputSlo(double ttftMs, double tpotMs, double e2elMs) {

    private static final List<String> NAMES = List.of("ttft", "tpot", "e2el");

    /** Parses {@code name:milliseconds} pairs, names among ttft, tpot and e2el. */
    public static GoodputSlo parse(List<String> pairs) {
        double[] slo = {Double.NaN, Double.NaN, Double.NaN};
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("--goodput needs at least one name:milliseconds, e.g. ttft:300");
        }
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            String name = colon < 0 ? pair : pair.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            int index = NAMES.indexOf(name);
            if (colon < 0 || index < 0) {
                throw new IllegalArgumentException("--goodput takes name:milliseconds with a name among " + NAMES
                        + ", got '" + pair + "'");
            }
            double value;
            try {
                value = Double.parseDouble(pair.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("--goodput " + name + " must be a number of milliseconds >= 0, got '"
                        + pair.substring(colon + 1) + "'");
            }
            if (!Double.isNaN(slo[index])) {
                throw new IllegalArgumentException("--goodput names " + name + " twice");
            }
            slo[index] = value;
        }
        return new GoodputSlo(slo[0], slo[1], slo[2]);
    }

    /**
     * Whether a successful request met every objective.
     *
     * @param ttftNanos -1 when not streamed (the latency stands for it)
     * @param tpotNanos -1 when undefined (fewer than two tokens: counts as 0)
     */
    public boolean met(long e2eNanos, long ttftNanos, long tpotNanos) {
        return within(ttftMs, ttftNanos >= 0 ? ttftNanos : e2eNanos) && within(tpotMs, Math.max(0, tpotNanos))
                && within(e2elMs, e2eNanos);
    }

    private static boolean within(double sloMs, long nanos) {
        return Double.isNaN(sloMs) || nanos <= sloMs * 1e6;
    }

    /** The flag's spelling, e.g. {@code ttft:300 tpot:50}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        double[] values = {ttftMs, tpotMs, e2elMs};
        for (int i = 0; i < NAMES.size(); i++) {
            if (!Double.isNaN(values[i])) {
                parts.add(NAMES.get(i) + ":" + BenchResultJson.percentileLabel(values[i]));
            }
        }
        return String.join(" ", parts);
    }
}
