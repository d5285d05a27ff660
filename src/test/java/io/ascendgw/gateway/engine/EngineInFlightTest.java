package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.routing.TestEngines;

class EngineInFlightTest {

    @Test
    void shouldCountARequestOnlyWhileTheEngineIsBelowTheLimit() {
        Engine engine = TestEngines.ready("a");
        assertThat(engine.tryRequestStarted(2)).isTrue();
        assertThat(engine.tryRequestStarted(2)).isTrue();
        assertThat(engine.tryRequestStarted(2)).isFalse();
        assertThat(engine.inFlight()).isEqualTo(2);
        engine.requestEnded();
        assertThat(engine.tryRequestStarted(2)).isTrue();
        assertThat(engine.inFlight()).isEqualTo(2);
    }

    @Test
    void shouldNeverLetRequestsStartingAtOnceOnSeveralThreadsPassTheLimit() throws Exception {
        // Given four threads starting and ending requests on one engine as fast as they can, limit 3
        Engine engine = TestEngines.ready("a");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < 200_000; i++) {
                    if (engine.tryRequestStarted(3)) {
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        running.decrementAndGet();
                        engine.requestEnded();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        // Then no more than three ever ran at once, and nothing is left counted
        assertThat(mostRunning.get()).isBetween(1, 3);
        assertThat(engine.inFlight()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
