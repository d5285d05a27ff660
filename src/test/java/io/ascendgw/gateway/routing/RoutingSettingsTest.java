package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.routing.admission.QueueFairness;
import io.ascendgw.gateway.testing.TestConfig;

class RoutingSettingsTest {

    @Test
    void shouldApplyPoolOverridesOnTopOfTheTopLevelWhenAPoolHasThem() {
        // Given top-level routing settings and overrides for pool "chat"
        GatewayConfig config = TestConfig.of(
                "gateway.routing.weights.prefix", "6",
                "gateway.routing.weights.lora", "3",
                "gateway.routing.queue.max-size", "50",
                "gateway.routing.pools.chat.policy", "least-request",
                "gateway.routing.pools.chat.weights.kv-cache", "3",
                "gateway.routing.pools.chat.weights.lora", "0",
                "gateway.routing.pools.chat.queue-timeout", "5s",
                "gateway.routing.pools.chat.max-in-flight-per-engine", "32");
        // When resolved per pool
        RoutingSettings settings = RoutingSettings.from(config.routing(), 5_000_000_000L);
        PoolRoutingSettings chat = settings.forPool("chat");
        PoolRoutingSettings other = settings.forPool("other");
        // Then the pool gets its overrides and inherits the rest; other pools get the top level
        assertThat(chat.policy()).isEqualTo(RoutingPolicy.LEAST_REQUEST);
        assertThat(chat.weights()).isEqualTo(new ScorerWeights(10, 6, 1, 1, 1, 3, 0));
        assertThat(other.weights()).isEqualTo(new ScorerWeights(10, 6, 1, 1, 1, 1, 3));
        assertThat(chat.queueTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(chat.queueMaxSize()).isEqualTo(50);
        assertThat(chat.maxInFlightPerEngine()).isEqualTo(32);
        assertThat(other.policy()).isEqualTo(RoutingPolicy.DEFAULT);
        assertThat(other.maxInFlightPerEngine()).isEqualTo(256);
        assertThat(other.maxWaitingPerEngine()).isEqualTo(8);
        assertThat(chat.queueFairness()).isEqualTo(QueueFairness.PER_KEY);
    }

    @Test
    void shouldReadTheQueueFairnessForEveryPoolAndNameTheKeyWhenItIsUnknown() {
        GatewayConfig fifo = TestConfig.of("gateway.routing.queue.fairness", " FIFO ");
        assertThat(RoutingSettings.from(fifo.routing(), 1).forPool("chat").queueFairness())
                .isEqualTo(QueueFairness.FIFO);
        GatewayConfig requests = TestConfig.of("gateway.routing.queue.fairness", "per-key-requests");
        assertThat(RoutingSettings.from(requests.routing(), 1).forPool("chat").queueFairness())
                .isEqualTo(QueueFairness.PER_KEY_REQUESTS);
        GatewayConfig bad = TestConfig.of("gateway.routing.queue.fairness", "per-user");
        assertThatThrownBy(() -> RoutingSettings.from(bad.routing(), 1)).hasMessage(
                "gateway.routing.queue.fairness must be per-key, per-key-requests or fifo, got 'per-user'");
    }

    @Test
    void shouldNameTheKeyWhenAPolicyOrWeightIsUnknown() {
        // Given a misspelled policy and an unknown scorer
        GatewayConfig badPolicy = TestConfig.of("gateway.routing.pools.a.policy", "fastest");
        GatewayConfig badWeight = TestConfig.of("gateway.routing.pools.a.weights.latency", "1");
        // Then building the settings fails naming the key
        assertThatThrownBy(() -> RoutingSettings.from(badPolicy.routing(), 1))
                .hasMessageContaining("gateway.routing.pools.a.policy");
        assertThatThrownBy(() -> RoutingSettings.from(badWeight.routing(), 1))
                .hasMessageContaining("gateway.routing.pools.a.weights.latency");
    }
}
