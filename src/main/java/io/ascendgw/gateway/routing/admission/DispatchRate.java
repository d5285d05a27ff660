package io.ascendgw.gateway.routing.admission;

/** Requests leaving a queue per second, smoothed over about the last ten seconds. Guarded by the queue's monitor. */
final class DispatchRate {

    private static final double WINDOW_SECONDS = 10;

    private double perSecond;
    private long lastNanos;

    void dispatched(long nowNanos) {
        if (lastNanos == 0) {
            lastNanos = nowNanos;
            return;
        }
        double gap = Math.max(1e-6, (nowNanos - lastNanos) / 1e9);
        lastNanos = nowNanos;
        double weight = Math.min(1, gap / WINDOW_SECONDS);
        perSecond = perSecond == 0 ? 1 / gap : perSecond + weight * (1 / gap - perSecond);
    }

    double perSecond(long nowNanos) {
        if (lastNanos == 0 || (nowNanos - lastNanos) / 1e9 > WINDOW_SECONDS) {
            return 0;
        }
        return perSecond;
    }
}
