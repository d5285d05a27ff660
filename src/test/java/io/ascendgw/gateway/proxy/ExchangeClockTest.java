package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class ExchangeClockTest {

    private static final ProxySettings SETTINGS = new ProxySettings(1 << 20, Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofMillis(150), Duration.ofMillis(400), Duration.ofSeconds(3), 16, 1,
            Duration.ofSeconds(4), 64, false, null);

    private static Vertx vertx;
    private static DeadlineTimer deadlines;

    private final BlockingQueue<String> expired = new LinkedBlockingQueue<>();
    private final Context context = vertx.getOrCreateContext();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        deadlines = new DeadlineTimer();
    }

    @AfterAll
    static void stop() {
        deadlines.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldExpireTheFirstByteDeadlineOnTheExchangeContextWhenTheEngineStaysSilent() throws Exception {
        // Given an exchange whose body went to the engine
        long sent = System.nanoTime();
        onContext(() -> clock(sent).sent(sent));
        // When nothing comes back
        String which = expired.poll(5, TimeUnit.SECONDS);
        // Then the first-byte deadline fires once, not before it is due, on the exchange's own event loop
        assertThat(which).isEqualTo("first-byte on " + context);
        assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(expired.poll(400, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void shouldKeepAStreamAliveWhileDataKeepsComingAndExpireItAfterSilence() throws Exception {
        // Given a stream whose chunks arrive every 50 ms for 600 ms, longer than the idle timeout (400 ms)
        long start = System.nanoTime();
        ExchangeClock clock = onContext(() -> {
            ExchangeClock c = clock(start);
            c.sent(start);
            return c;
        });
        long lastChunk = 0;
        for (int i = 0; i < 12; i++) {
            Thread.sleep(50);
            lastChunk = System.nanoTime();
            long now = lastChunk;
            onContext(() -> clock.received(now));
        }
        assertThat(expired).as("no deadline while chunks flow").isEmpty();
        // When the engine then goes silent
        String which = expired.poll(5, TimeUnit.SECONDS);
        // Then the idle deadline fires, counted from the last chunk
        assertThat(which).isEqualTo("idle on " + context);
        assertThat(System.nanoTime() - lastChunk).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    }

    @Test
    void shouldNeverFireOnceStopped() throws Exception {
        long now = System.nanoTime();
        onContext(() -> {
            ExchangeClock clock = clock(now);
            clock.sent(now);
            clock.stop();
        });
        assertThat(expired.poll(600, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void shouldExpireTheWholeRequestAtTheTotalTimeoutEvenWhileDataFlows() throws Exception {
        ProxySettings shortTotal = new ProxySettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300), 16, 1, Duration.ofSeconds(4), 64,
                false, null);
        long start = System.nanoTime();
        ExchangeClock clock = onContext(() -> {
            ExchangeClock c = new ExchangeClock(deadlines, context, shortTotal, start, recorder());
            c.sent(start);
            return c;
        });
        for (int i = 0; i < 10 && expired.isEmpty(); i++) {
            Thread.sleep(50);
            long now = System.nanoTime();
            onContext(() -> clock.received(now));
        }
        assertThat(expired.poll(5, TimeUnit.SECONDS)).isEqualTo("total on " + context);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    private ExchangeClock clock(long arrival) {
        return new ExchangeClock(deadlines, context, SETTINGS, arrival, recorder());
    }

    private ExchangeClock.Expiry recorder() {
        return new ExchangeClock.Expiry() {
            @Override
            public void totalExpired() {
                expired.add("total on " + Vertx.currentContext());
            }

            @Override
            public void firstByteExpired() {
                expired.add("first-byte on " + Vertx.currentContext());
            }

            @Override
            public void idleExpired() {
                expired.add("idle on " + Vertx.currentContext());
            }
        };
    }

    private void onContext(Runnable action) throws Exception {
        onContext(() -> {
            action.run();
            return null;
        });
    }

    private <T> T onContext(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(action.get()));
        return result.get(5, TimeUnit.SECONDS);
    }
}
