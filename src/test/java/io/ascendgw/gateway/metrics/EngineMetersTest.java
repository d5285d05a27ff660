package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.ProcessFacts;
import io.ascendgw.gateway.testing.Scrape;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** Per-engine and per-pool gauges following the engines that exist. */
class EngineMetersTest {

    private PrometheusMeterRegistry registry;
    private EngineMeters meters;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, Integer> queues = Map.of("p", 3);
        meters = new EngineMeters(new GatewayMetrics(registry), 5_000_000_000L, pool -> queues.getOrDefault(pool, 0),
            engineId -> engineId.equals("p-1"));
    }

    @Test
    void shouldReportStateInFlightAndQueuesWhenEnginesExist() {
        // Given
        Engine ready = Engines.ready("p-0", List.of(0));
        Engine starting = Engines.engine("p-1", "p", List.of(1));
        ready.tryRequestStarted(Integer.MAX_VALUE);
        ready.tryRequestStarted(Integer.MAX_VALUE);
        starting.tryRequestStarted(Integer.MAX_VALUE);

        // When
        meters.sync(List.of(ready, starting));
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_engine_state", "engine", "p-0", "state", "ready")).isEqualTo(1);
        assertThat(scrape.sum("gateway_engine_state", "engine", "p-0")).isEqualTo(1);
        assertThat(scrape.samples("gateway_engine_state", "engine", "p-0")).hasSize(6);
        assertThat(scrape.sum("gateway_engine_state", "engine", "p-1", "state", "starting")).isEqualTo(1);
        assertThat(scrape.sum("gateway_engine_in_flight_requests", "engine", "p-0")).isEqualTo(2);
        assertThat(scrape.sum("gateway_pool_in_flight_requests", "pool", "p")).isEqualTo(3);
        assertThat(scrape.sum("gateway_queue_length", "pool", "p")).isEqualTo(3);
        assertThat(scrape.sum("gateway_engine_circuit_open", "engine", "p-1")).isEqualTo(1);
        assertThat(scrape.sum("gateway_engine_circuit_open", "engine", "p-0")).isZero();
        // no exit yet, no startup yet: those gauges do not exist rather than reading 0
        assertThat(scrape.has("gateway_engine_last_exit_code")).isFalse();
        assertThat(scrape.has("gateway_engine_startup_seconds")).isFalse();
    }

    @Test
    void shouldReportRestartsExitCodeAndStartupWhenTheEngineCrashedAndCameBack() {
        // Given
        Engine engine = Engines.ready("p-0", List.of(0));
        meters.sync(List.of(engine));

        // When it crashed with 137, was restarted and became ready after 2.5 s
        engine.process(facts -> facts.launched(42, Instant.now()));
        engine.process(facts -> facts.exited(137));
        engine.process(ProcessFacts::restarted);
        meters.onReady(engine, 2.5);
        meters.sync(List.of(engine));
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_engine_restarts_total", "engine", "p-0")).isEqualTo(1);
        assertThat(scrape.sum("gateway_engine_last_exit_code", "engine", "p-0")).isEqualTo(137);
        assertThat(scrape.sum("gateway_engine_startup_seconds", "engine", "p-0")).isEqualTo(2.5);
    }

    @Test
    void shouldRemoveTheSeriesWhenAnEngineAndItsPoolAreGone() {
        // Given
        Engine kept = Engines.ready("p-0", List.of(0));
        Engine removed = Engines.engine("q-0", "q", List.of(1));
        meters.sync(List.of(kept, removed));

        // When
        meters.sync(List.of(kept));
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.has("gateway_engine_state", "engine", "q-0")).isFalse();
        assertThat(scrape.has("gateway_engine_restarts_total", "engine", "q-0")).isFalse();
        assertThat(scrape.has("gateway_pool_in_flight_requests", "pool", "q")).isFalse();
        assertThat(scrape.has("gateway_engine_state", "engine", "p-0")).isTrue();
    }

    @Test
    void shouldFollowTheNewEngineWhenAnIdIsReusedAfterScalingDownAndUp() {
        // Given an engine that was scaled away and a new one with the same id
        Engine old = Engines.ready("p-0", List.of(0));
        old.tryRequestStarted(Integer.MAX_VALUE);
        meters.sync(List.of(old));
        Engine replacement = Engines.engine("p-0", "p", List.of(0));

        // When
        meters.sync(List.of(replacement));
        Scrape scrape = scrape();

        // Then
        assertThat(scrape.sum("gateway_engine_in_flight_requests", "engine", "p-0")).isZero();
        assertThat(scrape.sum("gateway_engine_state", "engine", "p-0", "state", "starting")).isEqualTo(1);
    }

    private Scrape scrape() {
        return Scrape.of(registry.scrape());
    }
}
