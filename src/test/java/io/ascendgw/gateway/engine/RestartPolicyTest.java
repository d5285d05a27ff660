package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final Instant t0 = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void shouldDoubleTheDelayWithJitterUpToTheCap() {
        // Given jitter at its maximum
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 100,
                Duration.ofMinutes(5), () -> 1.0);
        // Then delays go 1, 2, 4, 5, 5 s
        assertThat(policy.onFailure(t0)).contains(Duration.ofSeconds(1));
        assertThat(policy.onFailure(t0.plusSeconds(10))).contains(Duration.ofSeconds(2));
        assertThat(policy.onFailure(t0.plusSeconds(20))).contains(Duration.ofSeconds(4));
        assertThat(policy.onFailure(t0.plusSeconds(30))).contains(Duration.ofSeconds(5));
        assertThat(policy.onFailure(t0.plusSeconds(40))).contains(Duration.ofSeconds(5));
    }

    @Test
    void shouldNeverWaitLessThanHalfTheDelay() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(4), Duration.ofSeconds(60), 100,
                Duration.ofMinutes(5), () -> 0.0);
        assertThat(policy.onFailure(t0)).contains(Duration.ofSeconds(2));
    }

    @Test
    void shouldStartOverAfterHealthyService() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 100,
                Duration.ofMinutes(5), () -> 1.0);
        policy.onFailure(t0);
        policy.onFailure(t0.plusSeconds(1));
        policy.onHealthy();
        assertThat(policy.onFailure(t0.plusSeconds(2))).contains(Duration.ofSeconds(1));
    }

    @Test
    void shouldGiveUpOnACrashLoopButForgetOldFailures() {
        RestartPolicy policy = new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(10), 3,
                Duration.ofMinutes(1), () -> 1.0);
        // Three failures long ago fall out of the window
        for (int i = 0; i < 3; i++) {
            assertThat(policy.onFailure(t0.plusSeconds(i))).isPresent();
        }
        Instant later = t0.plus(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(policy.onFailure(later.plusSeconds(i))).isPresent();
        }
        // The fourth within the window is one too many
        assertThat(policy.onFailure(later.plusSeconds(4))).isEqualTo(Optional.empty());
    }
}
