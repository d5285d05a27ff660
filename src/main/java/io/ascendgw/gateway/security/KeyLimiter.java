package io.ascendgw.gateway.security;

import java.util.concurrent.TimeUnit;

/**
 * One key's limits: requests per minute (a token bucket refilled continuously), tokens per minute (charged after
 * each request from the engine's usage, so a request is refused once the last minute's tokens reached the limit),
 * and requests in flight. Thread-safe; each call is a few arithmetic operations under the instance lock.
 */
public final class KeyLimiter {

    /** Why a request was refused, and how long to wait. */
    public record Refusal(String reason, long retryAfterSeconds) {
    }

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final ApiKey key;
    private double requestTokens;
    private long lastRefill;
    private long tokensThisWindow;
    private long tokensLastWindow;
    private long windowStart;
    private int inFlight;

    public KeyLimiter(ApiKey key, long nowNanos) {
        this.key = key;
        this.requestTokens = key.requestsPerMinute();
        this.lastRefill = nowNanos;
        this.windowStart = nowNanos;
    }

    /** The key whose limits this enforces. */
    public ApiKey key() {
        return key;
    }

    /** Admits a request (counting it in flight) or says why not. */
    public synchronized Refusal tryAcquire(long now) {
        if (key.maxConcurrent() > 0 && inFlight >= key.maxConcurrent()) {
            return new Refusal("concurrent", 1);
        }
        if (key.tokensPerMinute() > 0 && tokensInLastMinute(now) >= key.tokensPerMinute()) {
            return new Refusal("tokens", Math.max(1, TimeUnit.NANOSECONDS.toSeconds(windowStart + MINUTE - now)));
        }
        if (key.requestsPerMinute() > 0) {
            refill(now);
            if (requestTokens < 1) {
                double perSecond = key.requestsPerMinute() / 60.0;
                return new Refusal("requests", Math.max(1, (long) Math.ceil((1 - requestTokens) / perSecond)));
            }
            requestTokens -= 1;
        }
        inFlight++;
        return null;
    }

    /** The request is over (answered, failed or abandoned). */
    public synchronized void release() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** Counts tokens a finished request used (prompt plus completion, from the engine's usage). */
    public synchronized void charge(long now, long tokens) {
        if (tokens > 0) {
            rollWindow(now);
            tokensThisWindow += tokens;
        }
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private void refill(long now) {
        double perNano = key.requestsPerMinute() / (double) MINUTE;
        requestTokens = Math.min(key.requestsPerMinute(), requestTokens + (now - lastRefill) * perNano);
        lastRefill = now;
    }

    /** A sliding estimate over two fixed windows, as rate limiters in front of APIs commonly do. */
    private long tokensInLastMinute(long now) {
        rollWindow(now);
        double weightOfLast = 1.0 - (now - windowStart) / (double) MINUTE;
        return tokensThisWindow + (long) (tokensLastWindow * Math.max(0, weightOfLast));
    }

    private void rollWindow(long now) {
        if (now - windowStart >= 2 * MINUTE) {
            tokensLastWindow = 0;
            tokensThisWindow = 0;
            windowStart = now;
        } else if (now - windowStart >= MINUTE) {
            tokensLastWindow = tokensThisWindow;
            tokensThisWindow = 0;
            windowStart += MINUTE;
        }
    }
}
