package io.ascendgw.gateway.routing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.routing.admission.QueueFairness;
import io.ascendgw.gateway.routing.breaker.CircuitBreakers;
import io.ascendgw.gateway.routing.prefix.BytesPerToken;
import io.ascendgw.gateway.routing.session.StoredResponses;

/**
 * A JMH-free measurement of CPU time and allocation per routing decision of the default policy (not a test; numbers
 * vary with the machine): a pool of 4 or 16 engines, chat prompts sharing one of 8 system prompts of about 2000
 * tokens, the prefix index warm. "decision" includes hashing the prompt once (a new request each time); "retry"
 * decides again for the same request (hashes cached). Run after {@code ./mvnw -o test-compile} with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.ascendgw.gateway.routing.RoutingDecisionBenchmark}
 * where cp.txt comes from {@code ./mvnw -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class RoutingDecisionBenchmark {

    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;

    private RoutingDecisionBenchmark() {
    }

    public static void main(String[] args) {
        for (int engines : new int[] {4, 16}) {
            measure(engines);
        }
    }

    private static void measure(int count) {
        List<Engine> engines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            engines.add(TestEngines.ready("e" + i));
        }
        PrefixSettings prefix = new PrefixSettings(0, 128, 4.0, 1_000_000, 1.0, 8, 0.5);
        PoolRoutingSettings settings = new PoolRoutingSettings("p", RoutingPolicy.DEFAULT,
                new ScorerWeights(10, 4, 1, 1, 1, 1, 2), 256, 8, 1024, Duration.ofSeconds(60), QueueFairness.PER_KEY, prefix,
                new PoolRoutingSettings.SessionSettings(65536, Duration.ofMinutes(30)),
                new PoolRoutingSettings.BreakerSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(60)),
                Long.MAX_VALUE);
        PoolRouter router = PoolRouter.create(settings, new CircuitBreakers(settings.breaker()),
                new BytesPerToken(4.0), new PrefillTracker(), new StoredResponses(16));
        String[] systems = new String[8];
        for (int i = 0; i < systems.length; i++) {
            systems[i] = TestEngines.words(1600, i);
        }
        RoutingRequest[] requests = new RoutingRequest[1024];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = TestEngines.chat("r" + i, systems[i % 8], TestEngines.words(30, 1000 + i));
        }
        int[] inFlight = new int[count];
        for (int i = 0; i < WARM_UP; i++) {
            decide(router, engines, fresh(requests[i % requests.length]), inFlight, i);
        }
        report("decision", count, router, engines, requests, inFlight, true);
        report("retry   ", count, router, engines, requests, inFlight, false);
    }

    private static void report(String what, int count, PoolRouter router, List<Engine> engines,
            RoutingRequest[] requests, int[] inFlight, boolean freshRequests) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long id = Thread.currentThread().getId();
        RoutingRequest[] prepared = new RoutingRequest[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            prepared[i] = freshRequests ? fresh(requests[i % requests.length]) : requests[i % requests.length];
        }
        long bytes0 = threads.getThreadAllocatedBytes(id);
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            decide(router, engines, prepared[i], inFlight, i);
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long bytes = threads.getThreadAllocatedBytes(id) - bytes0;
        System.out.printf("%s %2d engines: %6.2f us/decision, %6d bytes allocated/decision%n", what, count,
                cpu / 1e3 / MEASURED, bytes / MEASURED);
    }

    private static RoutingRequest fresh(RoutingRequest r) {
        return new RoutingRequest(r.requestId(), r.request(), r.excluded(), r.sessionKey());
    }

    private static void decide(PoolRouter router, List<Engine> engines, RoutingRequest request, int[] inFlight,
            int i) {
        Candidates c = new Candidates(engines.size());
        for (int e = 0; e < engines.size(); e++) {
            c.add(engines.get(e), inFlight[e], (i + e) % 3, 10, 0.3 + 0.01 * e, 1_000_000, 128);
        }
        RoutingDecision d = router.pipeline().select(request, c, System.nanoTime());
        if (!(d instanceof RoutingDecision.Routed routed)) {
            throw new IllegalStateException(d.toString());
        }
        routed.engine().requestEnded(); // the decision counted it; the loads above are set per candidate set
    }
}
