package io.ascendgw.gateway.sim.text;

/**
 * The simulated embedding model: a unit-length vector per input, a pure function of the input's content hash, so
 * equal inputs embed equally on every engine and different inputs almost never do. Components are float32 values,
 * as a real model's are before they are serialised.
 */
public final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    /** The {@code dim}-dimensional unit vector of an input with {@code contentHash}. */
    public static float[] of(long contentHash, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        long state = contentHash;
        for (int i = 0; i < dim; i++) {
            state += 0x9e3779b97f4a7c15L;
            // centred on 0, in (-1, 1)
            v[i] = (float) (((BlockHasher.mix(state) >>> 11) * 0x1.0p-53) * 2 - 1);
            norm += (double) v[i] * v[i];
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (v[i] * scale);
        }
        return v;
    }
}
