package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.ServedModels;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.vllm.VllmLoadExtractor;
import io.ascendgw.gateway.routing.admission.QueueFairness;
import io.ascendgw.gateway.routing.breaker.CircuitBreaker;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;
import io.ascendgw.gateway.routing.prefix.BytesPerToken;
import io.ascendgw.gateway.routing.session.StoredResponses;

/** The whole pipeline of each policy on crafted engine states. */
class RoutingPipelineTest {

    private static final String SYSTEM = TestEngines.words(600, 11);

    private final Engine a = TestEngines.ready("a");
    private final Engine b = TestEngines.ready("b");
    private final Engine c = TestEngines.ready("c");
    private final StoredResponses stored = new StoredResponses(16);
    private final CircuitBreakers breakers = new CircuitBreakers(new PoolRoutingSettings.BreakerSettings(1,
            Duration.ofMinutes(1), Duration.ofMinutes(1)));

    @Test
    void shouldFollowThePrefixWhenTheHolderIsWithinTheLoadGate() {
        // Given the default policy, and engine b served the shared system prompt first
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        routeTo(router, b, TestEngines.chat("r0", SYSTEM, "question 0"));
        // When the next request with that prompt comes while b has 4 more requests than the others (gate: 8)
        RoutingDecision d = select(router, TestEngines.chat("r1", SYSTEM, "question 1"), new int[] {0, 4, 0});
        // Then it goes to b, which was believed to hold nearly all of its blocks
        assertThat(routed(d).engine()).isSameAs(b);
        assertThat(routed(d).prefixMatch()).isGreaterThan(0.8);
        assertThat(routed(d).scores().get("prefix")).isGreaterThan(0.8);
    }

    @Test
    void shouldSpillToTheLeastLoadedEngineWhenThePrefixHolderIsBeyondTheGate() {
        // Given b holds the prefix but has 9 more requests in flight than the idle engines (gate: 8)
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        routeTo(router, b, TestEngines.chat("r0", SYSTEM, "question 0"));
        // When a request with that prompt comes
        RoutingDecision d = select(router, TestEngines.chat("r1", SYSTEM, "question 1"), new int[] {0, 9, 1});
        // Then it goes to a, the least loaded, and a learns the prefix too
        assertThat(routed(d).engine()).isSameAs(a);
        RoutingDecision again = select(router, TestEngines.chat("r2", SYSTEM, "question 2"), new int[] {3, 9, 0});
        assertThat(routed(again).engine()).isSameAs(a);
    }

    @Test
    void shouldSpreadByLoadWhenPromptsShareNothing() {
        // Given the default policy and unequal loads
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        // When unrelated prompts come
        for (int i = 0; i < 5; i++) {
            RoutingDecision d = select(router, TestEngines.chat("r" + i, TestEngines.words(300, 100 + i), "q"),
                    new int[] {5, 2, 7});
            // Then the least-loaded engine wins every time
            assertThat(routed(d).engine()).isSameAs(b);
        }
    }

    @Test
    void shouldKeepASessionOnItsEngineWhenAnotherHoldsThePrefix() {
        // Given session s bound to c, while b holds the prompt's prefix
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        routeTo(router, b, TestEngines.chat("r0", SYSTEM, "q"));
        routeTo(router, c, TestEngines.chat("r1", "other", "q", "s"));
        // When the session sends a request with b's prefix
        RoutingDecision d = select(router, TestEngines.chat("r2", SYSTEM, "q", "s"), new int[] {0, 0, 2});
        // Then it stays on c
        assertThat(routed(d).engine()).isSameAs(c);
        assertThat(routed(d).sessionHit()).isTrue();
    }

    @Test
    void shouldQueueWhenEveryEngineIsSaturatedAndFailWhenNoneIsReady() {
        // Given the in-flight limit (16 here): an engine one below it takes the request, which the decision counts
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        assertThat(routed(select(router, TestEngines.chat("r0", "s", "q"), new int[] {15, 16, 16})).engine())
                .isSameAs(a);
        assertThat(a.inFlight()).isEqualTo(1);
        // When every engine is at the limit
        RoutingDecision d = select(router, TestEngines.chat("r1", "s", "q"), new int[] {16, 16, 16});
        // Then the request must wait in the pool's queue
        assertThat(d).isInstanceOf(RoutingDecision.Saturated.class);
        assertThat(((RoutingDecision.Saturated) d).queue()).isSameAs(router.queue());
        // And with no ready engine, it is unavailable, naming the filter
        Candidates none = new Candidates(1);
        none.add(TestEngines.starting("z"), 0, Double.NaN, Double.NaN, Double.NaN, -1, -1);
        RoutingDecision u = router.pipeline().select(TestEngines.chat("r2", "s", "q"), none, System.nanoTime());
        assertThat(u).isEqualTo(new RoutingDecision.Unavailable("p", "ready"));
    }

    @Test
    void shouldChooseAnotherEngineWhenTheChosenOnesLastSlotWentMeanwhile() {
        // Given a looked idle when the candidates were read, but requests deciding on other event loops have since
        // taken its 16 slots
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        fill(a, 16);
        // When a request of session s is routed on that reading
        RoutingDecision d = select(router, TestEngines.chat("r1", "s", "q", "s"), new int[] {0, 1, 2});
        // Then it goes to the next best, b, counted there; a keeps its 16
        assertThat(routed(d).engine()).isSameAs(b);
        assertThat(b.inFlight()).isEqualTo(1);
        assertThat(a.inFlight()).isEqualTo(16);
        // And the session was bound to b, not a: its next request follows it although a looks idle
        for (int i = 0; i < 16; i++) {
            a.requestEnded();
        }
        assertThat(routed(select(router, TestEngines.chat("r2", "s", "q", "s"), new int[] {0, 1, 2})).engine())
                .isSameAs(b);
        // And when every engine's last slot went meanwhile, the request waits in the queue
        fill(a, 16);
        fill(b, 14);
        fill(c, 16);
        assertThat(select(router, TestEngines.chat("r3", "s", "q"), new int[] {0, 0, 0})).isEqualTo(
                new RoutingDecision.Saturated("p", router.queue()));
    }

    @Test
    void shouldHandBackTheBreakersProbeWhenTheEngineHasNoSlotLeft() {
        // Given a's breaker opened with no open time, so a probe may go at once, and a's slots were all taken meanwhile
        CircuitBreakers due = new CircuitBreakers(new PoolRoutingSettings.BreakerSettings(1, Duration.ZERO,
                Duration.ZERO));
        PoolRouter router = router(RoutingPolicy.LEAST_REQUEST, due);
        due.of("a").onFailure("x", System.nanoTime());
        fill(a, 16);
        // When a request is routed with a looking the least loaded
        RoutingDecision d = select(router, TestEngines.chat("r1", "s", "q"), new int[] {0, 1, 2});
        // Then it goes to b, and a's breaker is open again, not half-open waiting for a probe that never went
        assertThat(routed(d).engine()).isSameAs(b);
        assertThat(due.of("a").state()).isInstanceOf(CircuitBreaker.Open.class);
        // so once a slot frees, the next request is a's probe
        a.requestEnded();
        assertThat(routed(select(router, TestEngines.chat("r2", "s", "q"), new int[] {0, 1, 2})).engine()).isSameAs(a);
        assertThat(due.of("a").state()).isEqualTo(new CircuitBreaker.HalfOpen("r2", 1));
    }

    @Test
    void shouldRetryOnAFailedEngineOnlyWhenItIsTheLastOne() {
        // Given a request that already failed on a and b
        PoolRouter router = router(RoutingPolicy.LEAST_REQUEST);
        RoutingRequest first = TestEngines.chat("r1", "s", "q");
        RoutingRequest retry = new RoutingRequest("r1", first.request(), Set.of("a", "b"), null);
        // When routed with c available, Then c; with only a and b, Then one of them rather than nothing
        assertThat(routed(select(router, retry, new int[] {0, 0, 9})).engine()).isSameAs(c);
        Candidates two = candidates(new Engine[] {a, b}, new int[] {0, 0});
        RoutingDecision d = router.pipeline().select(retry, two, System.nanoTime());
        assertThat(routed(d).engine()).isIn(a, b);
    }

    @Test
    void shouldPickTheLeastLoadedWithLeastRequestAndCycleWithRoundRobin() {
        // Given loads 3, 1, 2
        PoolRouter least = router(RoutingPolicy.LEAST_REQUEST);
        PoolRouter robin = router(RoutingPolicy.ROUND_ROBIN);
        // Then least-request always picks b
        assertThat(routed(select(least, TestEngines.chat("r", "s", "q"), new int[] {3, 1, 2})).engine()).isSameAs(b);
        // And round-robin visits every engine once in three requests, whatever the load
        List<Engine> visited = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visited.add(routed(select(robin, TestEngines.chat("r" + i, "s", "q"), new int[] {3, 1, 2})).engine());
        }
        assertThat(visited).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void shouldSendAContinuedResponseToItsEngineAndOtherRequestsByLoad() {
        // Given c, the busiest engine, made response resp_1
        PoolRouter router = router(RoutingPolicy.LEAST_REQUEST);
        stored.stored("resp_1", "c");
        RoutingRequest continued = new RoutingRequest("r1", TestEngines.parse(ApiEndpoint.RESPONSES,
                "{\"model\":\"m\",\"input\":\"more\",\"previous_response_id\":\"resp_1\"}"), Set.of(), null);
        RoutingRequest unknown = new RoutingRequest("r2", TestEngines.parse(ApiEndpoint.RESPONSES,
                "{\"model\":\"m\",\"input\":\"more\",\"previous_response_id\":\"resp_2\"}"), Set.of(), null);

        // When each is routed, Then the continuation goes to c, the others by load
        assertThat(routed(select(router, continued, new int[] {0, 1, 9})).engine()).isSameAs(c);
        assertThat(routed(select(router, unknown, new int[] {0, 1, 9})).engine()).isSameAs(a);
        assertThat(routed(select(router, TestEngines.chat("r3", "s", "q"), new int[] {0, 1, 9})).engine()).isSameAs(a);
        // and when c is gone, the continuation goes elsewhere rather than nowhere
        Candidates withoutC = candidates(new Engine[] {a, b}, new int[] {3, 1});
        assertThat(routed(router.pipeline().select(continued, withoutC, System.nanoTime())).engine()).isSameAs(b);
    }

    @Test
    void shouldSkipAnEngineWhoseBreakerIsOpen() {
        // Given b, the least loaded, has an open breaker
        PoolRouter router = router(RoutingPolicy.LEAST_REQUEST);
        breakers.of("b").onFailure("x", System.nanoTime());
        // When routed, Then the next least loaded wins
        assertThat(routed(select(router, TestEngines.chat("r", "s", "q"), new int[] {3, 1, 2})).engine())
                .isSameAs(c);
    }

    @Test
    void shouldSendAnAdapterRequestWhereTheAdapterRunsWhenTheLeastLoadedEngineIsFull() throws Exception {
        // Given a (one request fewer in flight) has its only adapter slot taken by another adapter, b runs sql-lora
        PoolRouter router = router(RoutingPolicy.DEFAULT);
        String cards = "{\"data\":[{\"id\":\"m\",\"parent\":null},{\"id\":\"sql-lora\",\"parent\":\"m\"}]}";
        scrapeLora(a, "1", "chat-lora", cards);
        scrapeLora(b, "1", "sql-lora", cards);
        fill(b, 1);
        // When a request for sql-lora and one for the base model are routed
        RoutingDecision lora = router.pipeline().select(TestEngines.request("sql-lora", "q"), List.of(a, b));
        RoutingDecision base = router.pipeline().select(TestEngines.request(TestEngines.MODEL, "q"), List.of(a, b));
        // Then the adapter goes where it runs, the base-model request to the least loaded as without LoRA
        assertThat(routed(lora).engine()).isSameAs(b);
        assertThat(routed(lora).scores().get("lora")).isEqualTo(1.0);
        assertThat(routed(base).engine()).isSameAs(a);
        assertThat(routed(base).scores().get("lora")).isZero();
    }

    /** Gives the engine /v1/models cards and a fresh scrape with an idle queue and this LoRA state. */
    private static void scrapeLora(Engine engine, String maxLora, String running, String cards) throws Exception {
        engine.models(ServedModels.fromModelList(new ObjectMapper().readTree(cards)));
        String text = "vllm:num_requests_running{model_name=\"m\"} 0\n"
                + "vllm:num_requests_waiting{model_name=\"m\"} 0\n"
                + "vllm:kv_cache_usage_perc{model_name=\"m\"} 0.2\n"
                + "vllm:lora_requests_info{max_lora=\"" + maxLora + "\",running_lora_adapters=\"" + running
                + "\",waiting_lora_adapters=\"\"} 1.7e+09\n";
        engine.telemetry().update(new VllmLoadExtractor().extract(new PrometheusTextParser().parse(text),
                System.nanoTime()), List.of(), 0);
    }

    private PoolRouter router(RoutingPolicy policy) {
        return router(policy, breakers);
    }

    private PoolRouter router(RoutingPolicy policy, CircuitBreakers breakers) {
        PrefixSettings prefix = new PrefixSettings(0, 128, 4.0, 1_000_000, 1.0, 8, 0.5);
        PoolRoutingSettings settings = new PoolRoutingSettings("p", policy, new ScorerWeights(10, 4, 1, 1, 1, 1, 2),
                16, 8, 16, Duration.ofSeconds(5), QueueFairness.PER_KEY, prefix,
                new PoolRoutingSettings.SessionSettings(64, Duration.ofDays(1)),
                new PoolRoutingSettings.BreakerSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                Long.MAX_VALUE);
        return PoolRouter.create(settings, breakers, new BytesPerToken(4.0), new PrefillTracker(), stored);
    }

    /** Counts {@code requests} more requests in flight on {@code engine}. */
    private static void fill(Engine engine, int requests) {
        for (int i = 0; i < requests; i++) {
            assertThat(engine.tryRequestStarted(Integer.MAX_VALUE)).isTrue();
        }
    }

    private void routeTo(PoolRouter router, Engine target, RoutingRequest request) {
        Candidates only = candidates(new Engine[] {target}, new int[] {0});
        assertThat(routed(router.pipeline().select(request, only, System.nanoTime())).engine()).isSameAs(target);
    }

    private RoutingDecision select(PoolRouter router, RoutingRequest request, int[] inFlight) {
        return router.pipeline().select(request, candidates(new Engine[] {a, b, c}, inFlight), System.nanoTime());
    }

    private static Candidates candidates(Engine[] engines, int[] inFlight) {
        Candidates cs = new Candidates(engines.length);
        for (int i = 0; i < engines.length; i++) {
            cs.add(engines[i], inFlight[i], 0, inFlight[i], 0.2, 1_000_000, 128);
        }
        return cs;
    }

    private static RoutingDecision.Routed routed(RoutingDecision d) {
        assertThat(d).isInstanceOf(RoutingDecision.Routed.class);
        return (RoutingDecision.Routed) d;
    }
}
