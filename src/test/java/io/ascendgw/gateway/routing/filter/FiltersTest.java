package io.ascendgw.gateway.routing.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointFilter;
import io.ascendgw.gateway.routing.PoolRoutingSettings;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;

class FiltersTest {

    private static final RoutingRequest REQUEST = TestEngines.chat("r1", "sys", "hi");

    static Stream<Arguments> saturationTable() {
        // in flight, scraped waiting (NaN = unknown), expected acceptance with limits 4 in flight / 2 waiting
        return Stream.of(
                Arguments.of(0, Double.NaN, true),
                Arguments.of(3, 1.0, true),
                Arguments.of(4, 0.0, false),
                Arguments.of(0, 2.0, false),
                Arguments.of(3, Double.NaN, true),
                Arguments.of(9, Double.NaN, false));
    }

    @ParameterizedTest
    @MethodSource("saturationTable")
    void shouldAcceptOnlyEnginesBelowBothLimitsWhenCheckingSaturation(int inFlight, double waiting, boolean accepted) {
        // Given an engine with the given load
        Candidates c = new Candidates(1);
        c.add(TestEngines.ready("e0"), inFlight, waiting, Double.NaN, Double.NaN, -1, -1);
        // When the saturation filter judges it
        SaturationFilter filter = new SaturationFilter(4, 2);
        // Then only engines under both limits pass, and rejection of all means waiting in the queue
        assertThat(filter.accept(REQUEST, c, 0)).isEqualTo(accepted);
        assertThat(filter.rejection()).isEqualTo(EndpointFilter.Rejection.SATURATED);
    }

    @Test
    void shouldTakeAnInFlightSlotWhenConfirmingAndGiveItBackWhenReleasing() {
        // Given an engine limited to 2 in flight, and the saturation filter
        Engine engine = TestEngines.ready("e0");
        SaturationFilter filter = new SaturationFilter(2, 8);
        // When two requests are confirmed on it, Then each is counted, and a third is vetoed
        assertThat(filter.confirm(REQUEST, engine)).isTrue();
        assertThat(filter.confirm(TestEngines.chat("r2", "sys", "hi"), engine)).isTrue();
        assertThat(engine.inFlight()).isEqualTo(2);
        assertThat(filter.confirm(TestEngines.chat("r3", "sys", "hi"), engine)).isFalse();
        // And a released confirmation frees its slot
        filter.release(REQUEST, engine);
        assertThat(engine.inFlight()).isEqualTo(1);
        assertThat(filter.confirm(TestEngines.chat("r3", "sys", "hi"), engine)).isTrue();
    }

    @Test
    void shouldKeepOnlyReadyEnginesWhenFilteringByState() {
        // Given a ready and a starting engine
        Candidates c = candidates(TestEngines.ready("a"), TestEngines.starting("b"));
        // When the ready filter judges them
        ReadyFilter filter = new ReadyFilter();
        // Then only the ready one passes
        assertThat(filter.accept(REQUEST, c, 0)).isTrue();
        assertThat(filter.accept(REQUEST, c, 1)).isFalse();
    }

    @Test
    void shouldKeepOnlyEnginesServingTheModelWhenFilteringByModel() {
        // Given engines serving different models
        Candidates c = candidates(TestEngines.ready("a", "p", "m"), TestEngines.ready("b", "p", "other"));
        // When the model filter judges them for a request of model m
        ModelFilter filter = new ModelFilter();
        // Then only the engine serving m passes
        assertThat(filter.accept(REQUEST, c, 0)).isTrue();
        assertThat(filter.accept(REQUEST, c, 1)).isFalse();
    }

    @Test
    void shouldAvoidEnginesThatFailedTheRequestButOnlyAsAPreference() {
        // Given a retry that already failed on engine a
        RoutingRequest retry = new RoutingRequest("r1", REQUEST.request(), Set.of("a"), null);
        Candidates c = candidates(TestEngines.ready("a"), TestEngines.ready("b"));
        // When the excluded filter judges the engines
        ExcludedFilter filter = new ExcludedFilter();
        // Then a is avoided, softly
        assertThat(filter.accept(retry, c, 0)).isFalse();
        assertThat(filter.accept(retry, c, 1)).isTrue();
        assertThat(filter.rejection()).isEqualTo(EndpointFilter.Rejection.SOFT);
    }

    @Test
    void shouldRefuseAnEngineWhoseBreakerIsOpenAndHandOutOneProbeWhenDue() throws InterruptedException {
        // Given engine a whose breaker opened after one failure, with a short open time
        CircuitBreakers breakers = new CircuitBreakers(new PoolRoutingSettings.BreakerSettings(1,
                java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(1)));
        breakers.of("a").onFailure("x", System.nanoTime());
        Candidates c = candidates(TestEngines.ready("a"));
        CircuitBreakerFilter filter = new CircuitBreakerFilter(breakers);
        // Then it is refused while open
        assertThat(filter.accept(REQUEST, c, 0)).isFalse();
        // When the open time has passed
        Thread.sleep(80);
        // Then it is accepted, and exactly one request gets the probe permit
        assertThat(filter.accept(REQUEST, c, 0)).isTrue();
        assertThat(filter.confirm(REQUEST, c.engine(0))).isTrue();
        assertThat(filter.confirm(TestEngines.chat("r2", "sys", "hi"), c.engine(0))).isFalse();
        assertThat(filter.accept(REQUEST, c, 0)).isFalse();
        // And a probe released unsent (a later filter vetoed the engine) may go again at once, to another request
        filter.release(REQUEST, c.engine(0));
        assertThat(filter.accept(REQUEST, c, 0)).isTrue();
        assertThat(filter.confirm(TestEngines.chat("r2", "sys", "hi"), c.engine(0))).isTrue();
    }

    private static Candidates candidates(Engine... engines) {
        Candidates c = new Candidates(engines.length);
        for (Engine e : engines) {
            c.add(e, 0, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        }
        return c;
    }
}
