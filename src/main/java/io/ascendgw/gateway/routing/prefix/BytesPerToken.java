package io.ascendgw.gateway.routing.prefix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes per token of each model, learned online from {@code usage.prompt_tokens} against the bytes of the rendered
 * prompt (Qwen reads about 4.3 bytes per English token but 3.7 per Chinese one). The block size in bytes that
 * prefix hashing uses changes only when the estimate drifts by more than 10%, because every change makes the
 * index's earlier blocks unmatchable. Updates race benignly (a lost sample does not matter). Any thread.
 */
public final class BytesPerToken {

    private static final double ALPHA = 0.05;
    private static final double DRIFT = 0.10;

    private final double initial;
    private final Map<String, Estimate> models = new ConcurrentHashMap<>();

    public BytesPerToken(double initial) {
        this.initial = initial;
    }

    private static final class Estimate {
        volatile double ewma;
        volatile double used;
        volatile long samples;

        Estimate(double initial) {
            ewma = initial;
            used = initial;
        }
    }

    /** The bytes-per-token value hashing uses for {@code model}. */
    public double current(String model) {
        Estimate e = model == null ? null : models.get(model);
        return e == null ? initial : e.used;
    }

    /** Bytes of a block of {@code blockTokens} tokens of {@code model}'s text. */
    public int blockBytes(String model, int blockTokens) {
        return (int) Math.max(1, Math.round(blockTokens * current(model)));
    }

    /** Learns from one answered request: its rendered prompt had {@code bytes} bytes and {@code tokens} tokens. */
    public void observe(String model, long bytes, long tokens) {
        if (model == null || bytes <= 0 || tokens < 16) {
            return;
        }
        double sample = Math.max(1.0, Math.min(16.0, (double) bytes / tokens));
        Estimate e = models.computeIfAbsent(model, m -> new Estimate(initial));
        long n = ++e.samples;
        // The first samples average plainly, later ones decay, so the estimate settles fast and then stays calm.
        double alpha = Math.max(ALPHA, 1.0 / n);
        double next = e.ewma + alpha * (sample - e.ewma);
        e.ewma = next;
        if (Math.abs(next - e.used) > DRIFT * e.used) {
            e.used = next;
        }
    }
}
