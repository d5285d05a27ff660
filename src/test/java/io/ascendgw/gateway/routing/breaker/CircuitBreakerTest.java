package io.ascendgw.gateway.routing.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.routing.PoolRoutingSettings.BreakerSettings;

class CircuitBreakerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final CircuitBreaker breaker = new CircuitBreaker(new BreakerSettings(3, Duration.ofSeconds(5),
            Duration.ofSeconds(12)));

    @Test
    void shouldOpenAfterConsecutiveFailuresAndNotBeforeWhenASuccessIntervenes() {
        // Given two failures, a success, then two failures
        breaker.onFailure("r1", 0);
        breaker.onFailure("r2", 0);
        breaker.onSuccess("r3");
        breaker.onFailure("r4", 0);
        breaker.onFailure("r5", 0);
        // Then it is still closed
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Closed(2, 0));
        // When a third consecutive failure comes
        breaker.onFailure("r6", 0);
        // Then it is open for 5 s and refuses requests
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Open(5 * SECOND, 1));
        assertThat(breaker.permits(4 * SECOND)).isFalse();
        assertThat(breaker.tryAcquire("r7", 4 * SECOND)).isFalse();
    }

    @Test
    void shouldCountFailuresOfRequestsInFlightTogetherAsOneButTimeoutsEachAndLaterRequestsAgain() {
        // Given ten requests sent at 0-9 ms that all fail with their connections at 10 ms (one event)
        for (int i = 0; i < 10; i++) {
            breaker.onFailure("burst" + i, i * MS, 10 * MS);
        }
        // Then that counts once: the engine is not taken out
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Closed(1, 10 * MS));
        assertThat(breaker.permits(11 * MS)).isTrue();
        // When a request sent after that failure fails too, it counts
        breaker.onFailure("after", 12 * MS, 13 * MS);
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Closed(2, 13 * MS));
        // And a timeout counts whenever its request was sent: each one waited its own time
        breaker.onFailure("timed-out", 14 * MS);
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Open(14 * MS + 5 * SECOND, 1));
    }

    @Test
    void shouldLetOneProbeThroughAndCloseWhenTheProbeSucceeds() {
        // Given an open breaker whose open time has passed
        open();
        assertThat(breaker.permits(5 * SECOND)).isTrue();
        // When one request takes the probe
        assertThat(breaker.tryAcquire("probe", 5 * SECOND)).isTrue();
        // Then it is half-open and nobody else gets through, and another request's outcome changes nothing
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.HalfOpen("probe", 1));
        assertThat(breaker.tryAcquire("other", 5 * SECOND)).isFalse();
        assertThat(breaker.permits(5 * SECOND)).isFalse();
        breaker.onSuccess("old-request");
        assertThat(breaker.state()).isInstanceOf(CircuitBreaker.HalfOpen.class);
        // When the probe succeeds, Then it closes
        breaker.onSuccess("probe");
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Closed(0, 0));
    }

    @Test
    void shouldReopenForLongerWhenTheProbeFails() {
        // Given a half-open breaker
        open();
        breaker.tryAcquire("probe", 5 * SECOND);
        // When the probe fails
        breaker.onFailure("probe", 6 * SECOND);
        // Then it opens again for twice as long
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Open(16 * SECOND, 2));
        // And the doubling stops at the maximum (12 s)
        breaker.tryAcquire("probe2", 16 * SECOND);
        breaker.onFailure("probe2", 16 * SECOND);
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Open(28 * SECOND, 3));
    }

    @Test
    void shouldHandBackTheProbeWhenTheProbeIsAbandoned() {
        // Given a half-open breaker whose probe's client went away
        open();
        breaker.tryAcquire("probe", 5 * SECOND);
        breaker.onAbandoned("probe", 6 * SECOND);
        // Then another request can probe at once
        assertThat(breaker.tryAcquire("probe2", 6 * SECOND)).isTrue();
        // And a restart closes it whatever its state
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.Closed(0, 0));
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure("f" + i, 0);
        }
    }
}
