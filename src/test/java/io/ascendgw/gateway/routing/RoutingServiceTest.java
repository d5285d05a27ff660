package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.proxy.Usage;
import io.ascendgw.gateway.routing.breaker.CircuitBreaker;
import io.ascendgw.gateway.testing.TestConfig;
import io.vertx.core.Vertx;

/** The selector the proxy calls, with the feedback that routing gets from finished attempts and engine restarts. */
class RoutingServiceTest {

    private final Vertx vertx = Vertx.vertx();
    private final EngineRegistry registry = new EngineRegistry();
    private final RoutingService service = new RoutingService(registry, RoutingSettings.from(TestConfig.of(
            "gateway.routing.pools.q.policy", "least-request",
            "gateway.routing.circuit-breaker.failure-threshold", "2").routing(), Long.MAX_VALUE));
    private final RoutingFeedback feedback = new RoutingFeedback(service);

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldRouteEachModelInItsPoolWithThatPoolsPolicy() {
        // Given pool p (default policy) serving m and pool q (least-request) serving n
        registry.add(TestEngines.ready("p-0", "p", "m"));
        registry.add(TestEngines.ready("q-0", "q", "n"));
        // When requests for m, n and an unknown model are routed
        RoutingDecision m = service.select(TestEngines.chat("r1", "s", "q"));
        RoutingDecision n = service.select(new RoutingRequest("r2", TestEngines.parse(
                io.ascendgw.gateway.api.ApiEndpoint.COMPLETIONS, "{\"model\":\"n\",\"prompt\":\"x\"}"), Set.of(), null));
        RoutingDecision unknown = service.select(new RoutingRequest("r3", TestEngines.parse(
                io.ascendgw.gateway.api.ApiEndpoint.COMPLETIONS, "{\"model\":\"z\",\"prompt\":\"x\"}"), Set.of(), null));
        // Then each goes to its pool with its policy, and the unknown model has no pool
        assertThat(((RoutingDecision.Routed) m).policy()).isEqualTo(RoutingPolicy.DEFAULT);
        assertThat(((RoutingDecision.Routed) n).engine().id()).isEqualTo("q-0");
        assertThat(((RoutingDecision.Routed) n).policy()).isEqualTo(RoutingPolicy.LEAST_REQUEST);
        assertThat(unknown).isEqualTo(new RoutingDecision.Unavailable(null, "no-pool"));
    }

    @Test
    void shouldQueueNewArrivalsBehindWaitersButLetAnAdmittedRequestRoute() {
        // Given pool p with a free engine but someone already waiting in its queue
        registry.add(TestEngines.ready("p-0"));
        RoutingRequest first = TestEngines.chat("r1", "s", "q");
        service.router("p").queue().enqueue(null, vertx.getOrCreateContext(), () -> { }, () -> { });
        // When a new request and an admitted one (woken from the queue, or a retry) are routed
        RoutingDecision arrival = service.select(first);
        RoutingDecision admitted = service.select(new RoutingRequest("r2", first.request(), Set.of(), null,
                first.prompt(), true));
        // Then the new one waits its turn and the admitted one routes
        assertThat(arrival).isInstanceOf(RoutingDecision.Saturated.class);
        assertThat(admitted).isInstanceOf(RoutingDecision.Routed.class);
    }

    @Test
    void shouldOpenTheBreakerFromAttemptOutcomesAndForgetEverythingWhenTheEngineRestarts() {
        // Given engine p-0 that served a long prompt (its prefix is now indexed)
        Engine engine = TestEngines.ready("p-0");
        registry.add(engine);
        RoutingRequest request = TestEngines.chat("r1", TestEngines.words(400, 5), "q");
        assertThat(service.select(request)).isInstanceOf(RoutingDecision.Routed.class);
        feedback.onAttemptEnded(request, engine, AttemptOutcome.SUCCEEDED, new Usage(600, 10, -1));
        assertThat(service.router("p").prefix().index().size("p-0")).isPositive();
        // When two attempts fail in a row, Then its breaker opens
        feedback.onAttemptEnded(TestEngines.chat("r2", "s", "q"), engine, AttemptOutcome.ENGINE_FAILED, null);
        feedback.onAttemptEnded(TestEngines.chat("r3", "s", "q"), engine, AttemptOutcome.ENGINE_TIMEOUT, null);
        assertThat(service.breakers().of("p-0").state()).isInstanceOf(CircuitBreaker.Open.class);
        // When the engine is launched again, Then its breaker is closed and its prefix entries are gone
        feedback.onLaunched(engine, 42);
        assertThat(service.breakers().of("p-0").state()).isEqualTo(new CircuitBreaker.Closed(0, 0));
        assertThat(service.router("p").prefix().index().size("p-0")).isZero();
    }
}
