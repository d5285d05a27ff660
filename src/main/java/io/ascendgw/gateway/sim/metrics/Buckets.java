package io.ascendgw.gateway.sim.metrics;

import java.util.ArrayList;
import java.util.List;

/** vLLM's histogram bucket lists (see the wire reference, section 7). */
public final class Buckets {

    private static final double[] TTFT_V1 = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
        2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] TPOT_V1 = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5,
        5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    private static final double[] LATENCY_V1 = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0,
        50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    private static final double[] ITERATION_V1 = {1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};
    private static final double[] ITERATION_V0_EAGER = {1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8096};
    private static final double[] PARAMS_N = {1, 2, 5, 10, 20};

    private final boolean v1;

    /** @param v1 V1 bucket lists (else vLLM 0.7.3's shorter ones) */
    public Buckets(boolean v1) {
        this.v1 = v1;
    }

    public double[] timeToFirstToken() {
        return v1 ? TTFT_V1 : prefix(TTFT_V1, 16);
    }

    public double[] timePerOutputToken() {
        return v1 ? TPOT_V1 : prefix(TPOT_V1, 13);
    }

    public double[] requestLatency() {
        return v1 ? LATENCY_V1 : prefix(LATENCY_V1, 15);
    }

    /** 0.7.3 on NPU runs eagerly (compile level forced off), so its iteration buckets are the eager list. */
    public double[] iterationTokens() {
        return v1 ? ITERATION_V1 : ITERATION_V0_EAGER;
    }

    public double[] paramsN() {
        return PARAMS_N;
    }

    /** 1, 2, 5, 10, 20, 50 ... up to {@code max}. */
    public static double[] oneTwoFive(int max) {
        List<Double> out = new ArrayList<>();
        for (long exp = 1; ; exp *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                long v = m * exp;
                if (v > max) {
                    return out.stream().mapToDouble(Double::doubleValue).toArray();
                }
                out.add((double) v);
            }
        }
    }

    private static double[] prefix(double[] all, int n) {
        double[] out = new double[n];
        System.arraycopy(all, 0, out, 0, n);
        return out;
    }
}
