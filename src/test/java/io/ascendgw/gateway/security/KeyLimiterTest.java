package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class KeyLimiterTest {

    private static final String HASH = "a".repeat(64);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldAllowTheBurstOfRequestsPerMinuteThenRefillSteadily() {
        // Given 60 requests per minute
        KeyLimiter limiter = new KeyLimiter(ApiKey.of("k", HASH, 60, 0, 0), 0);
        // When 60 arrive at once, the 61st is refused with a one-second wait
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire(0)).isNull();
        }
        KeyLimiter.Refusal refusal = limiter.tryAcquire(0);
        assertThat(refusal.reason()).isEqualTo("requests");
        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        // Then one more is allowed per second
        assertThat(limiter.tryAcquire(SECOND)).isNull();
        assertThat(limiter.tryAcquire(SECOND)).isNotNull();
    }

    @Test
    void shouldRefuseBeyondTheConcurrencyLimitUntilARequestEnds() {
        KeyLimiter limiter = new KeyLimiter(ApiKey.of("k", HASH, 0, 0, 2), 0);
        assertThat(limiter.tryAcquire(0)).isNull();
        assertThat(limiter.tryAcquire(0)).isNull();
        assertThat(limiter.tryAcquire(0).reason()).isEqualTo("concurrent");
        limiter.release();
        assertThat(limiter.tryAcquire(0)).isNull();
    }

    @Test
    void shouldRefuseOnceTheLastMinutesTokensReachTheLimitAndRecover() {
        // Given 1000 tokens per minute, of which a request used 1000
        KeyLimiter limiter = new KeyLimiter(ApiKey.of("k", HASH, 0, 1000, 0), 0);
        assertThat(limiter.tryAcquire(0)).isNull();
        limiter.release();
        limiter.charge(10 * SECOND, 1000);
        // Then the next is refused until the window has moved on
        KeyLimiter.Refusal refusal = limiter.tryAcquire(20 * SECOND);
        assertThat(refusal.reason()).isEqualTo("tokens");
        assertThat(refusal.retryAfterSeconds()).isBetween(1L, 60L);
        // Half-way through the next minute, half of the old window still counts (sliding estimate)
        assertThat(limiter.tryAcquire(90 * SECOND)).isNull();
        assertThat(limiter.tryAcquire(200 * SECOND)).isNull();
    }
}
