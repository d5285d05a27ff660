package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.security.ApiKeyStore;


/**
 * Fair queueing between API keys against the packaged gateway: one simulated engine (20 ms per decode step) that
 * counts as saturated with one request in flight, a queue of eight, and pairs of keys. A long request holds the
 * only slot while requests are queued one by one (each seen in the queue-length gauge before the next is sent), so
 * the order of arrival is known; the holder's client then walks away, which frees the slot, so however slowly a
 * loaded machine fills the queue, nothing is served before everything has arrived. The order of service is read from
 * the gateway's access log (each request named by its {@code X-Request-Id}), not from when the client saw the
 * answers: one request takes about 100 ms, and on a loaded machine the client's threads can see two answers in the
 * other order.
 */
class FairQueueIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BATCH_KEY = "sk-batch";
    private static final String INTERACTIVE_KEY = "sk-interactive";
    private static final String LONG_KEY = "sk-long";
    private static final String SHORT_KEY = "sk-short";
    private static final String HEAVY_KEY = "sk-heavy";
    private static final String LIGHT_KEY = "sk-light";
    private static final int QUEUE = 8;
    /** Tells one test's requests from another's in the access log. */
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path workDir;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(workDir, 1, "--sim-decode-base-ms,20", Map.of(
                "gateway.routing.saturation.max-in-flight-per-engine", "1",
                "gateway.routing.queue.max-size", Integer.toString(QUEUE),
                "gateway.security.keys.batch.sha256", ApiKeyStore.sha256Hex(BATCH_KEY),
                "gateway.security.keys.interactive.sha256", ApiKeyStore.sha256Hex(INTERACTIVE_KEY),
                "gateway.security.keys.long.sha256", ApiKeyStore.sha256Hex(LONG_KEY),
                "gateway.security.keys.short.sha256", ApiKeyStore.sha256Hex(SHORT_KEY),
                "gateway.security.keys.heavy.sha256", ApiKeyStore.sha256Hex(HEAVY_KEY),
                "gateway.security.keys.heavy.weight", "4",
                "gateway.security.keys.light.sha256", ApiKeyStore.sha256Hex(LIGHT_KEY)));
        // One request per key first, so each key's turns are weighed by its own requests from the start, not by the
        // pool's mean (which the long requests of other tests would set), whatever order the tests run in: the batch
        // key's as long as a synthetic-data job's, the others' short (their tiny requests' costs differ by what the
        // prefix cache holds, which must not decide where the interactive request goes)
        assertThat(send(BATCH_KEY, "warm-up", 100).join().statusCode()).isEqualTo(200);
        for (String key : List.of(INTERACTIVE_KEY, LONG_KEY, SHORT_KEY, HEAVY_KEY, LIGHT_KEY)) {
            assertThat(send(key, "warm-up", 4).join().statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void nextRun() {
        RUN.incrementAndGet();
    }

    @AfterEach
    void idle() {
        await().atMost(WAIT).until(() -> fixture.queueLength() == 0
                && fixture.simEngine(0).path("running").asInt() == 0);
    }

    @Test
    void shouldServeAnotherKeysRequestRightAfterTheBatchRequestAheadOfItNotAfterTheWholeBacklog() throws Exception {
        // Given a batch request holding the only slot and six more of the batch key waiting
        List<String> names = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        double interactiveWaits = queueWaits("interactive");
        try (Socket holder = holdTheSlot(BATCH_KEY)) {
            for (int i = 1; i <= 6; i++) {
                all.add(queue(BATCH_KEY, name(names, "batch-" + i), i));
            }
            // When the interactive user's request arrives behind them
            all.add(queue(INTERACTIVE_KEY, name(names, "interactive"), 7));
        }
        // Then every request is answered, and the interactive one among the first, not after the backlog as in
        // arrival order
        for (CompletableFuture<HttpResponse<String>> response : all) {
            assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
        }
        assertServedAheadOfTheBacklog(servedOrder(names));
        // And its wait is in the queue-wait histogram under its key
        assertThat(queueWaits("interactive") - interactiveWaits).isEqualTo(1);
    }

    @Test
    void shouldGiveAFullQueuesPlaceToAKeyWithFewerWaitersByRefusingTheBatchKeysNewestRequest() throws Exception {
        // Given a batch request holding the only slot and the queue full of eight more
        List<String> names = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> interactive;
        double displacedBefore = rejections("queue_displaced");
        try (Socket holder = holdTheSlot(BATCH_KEY)) {
            for (int i = 1; i <= QUEUE; i++) {
                batch.add(queue(BATCH_KEY, name(names, "batch-" + i), i));
            }
            // When the interactive user's request arrives
            interactive = send(INTERACTIVE_KEY, name(names, "interactive"), 4);
            // Then the batch key's newest request gives up its place: 429 queue_full, saying why
            HttpResponse<String> displaced = batch.get(QUEUE - 1).get();
            assertThat(displaced.statusCode()).isEqualTo(429);
            assertThat(displaced.headers().firstValue("Retry-After")).isPresent();
            JsonNode error = GatewayFixture.JSON.readTree(displaced.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("queue_full");
            assertThat(error.path("message").asText()).contains("gave its place");
            // And one more batch request is refused at once (its key holds the most waiters already)
            HttpResponse<String> refused = send(BATCH_KEY, "one-more", 4).get();
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(GatewayFixture.JSON.readTree(refused.body()).path("error").path("message").asText())
                    .contains("already waiting");
        }
        // And once the slot is free the interactive request is served among the first, the batch requests too
        assertThat(interactive.get().statusCode()).isEqualTo(200);
        for (int i = 0; i < QUEUE - 1; i++) {
            assertThat(batch.get(i).get().statusCode()).isEqualTo(200);
        }
        names.remove("batch-" + QUEUE);
        assertServedAheadOfTheBacklog(servedOrder(names));
        assertThat(rejections("queue_displaced") - displacedBefore).isEqualTo(1);
    }

    @Test
    void shouldGiveTheKeyWhoseRequestsHaveBeenShorterMoreTurnsInProportion() throws Exception {
        // Given a key whose requests so far generated 200 tokens and one whose requests generated 2
        assertThat(send(LONG_KEY, "long-history", 200).get().statusCode()).isEqualTo(200);
        assertThat(send(SHORT_KEY, "short-history", 2).get().statusCode()).isEqualTo(200);
        // When a request of the long key holds the only slot, three more of it wait, then four of the short key's
        List<String> served = finishOrder(LONG_KEY, "long", 3, SHORT_KEY, "short", 4);

        // Then the short key's requests, each weighing about a tenth of the long key's, go first though they
        // arrived last (one place of slack for a turn that crossed a freed slot); taking turns one request each
        // would have put long-1 first
        assertThat(served).hasSize(7);
        assertThat(served.indexOf("long-1")).as(served.toString()).isGreaterThanOrEqualTo(3);
        assertThat(served.subList(0, 5)).as(served.toString()).contains("short-1", "short-2", "short-3",
                "short-4");
    }

    @Test
    void shouldGiveAKeyOfWeightFourFourTurnsForEachOfAKeyOfWeightOne() throws Exception {
        // Given two keys whose requests so far were alike (one short warm-up each), heavy of weight 4
        // When a request of light holds the only slot, two more of light's wait, then four of heavy's
        List<String> served = finishOrder(LIGHT_KEY, "light", 2, HEAVY_KEY, "heavy", 4);

        // Then heavy's first three go ahead of light's first (quarter-length turns: tags m/4, m/2, 3m/4 against m),
        // with one place of slack; equal weights would have served light-1 first
        assertThat(served).hasSize(6);
        assertThat(served.indexOf("light-1")).as(served.toString()).isGreaterThanOrEqualTo(2);
        assertThat(served.indexOf("light-2")).as(served.toString()).isEqualTo(5);
    }

    /**
     * A request of {@code firstKey} holds the only slot while {@code first} requests of it ({@code name}-1, -2, ...)
     * and {@code second} of {@code secondKey} queue, one by one in that order; returns the order in which the queued
     * ones were served once the holder has walked away, after each has answered 200.
     */
    private static List<String> finishOrder(String firstKey, String firstName, int first, String secondKey,
            String secondName, int second) throws Exception {
        List<String> names = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        try (Socket holder = holdTheSlot(firstKey)) {
            for (int i = 1; i <= first; i++) {
                all.add(queue(firstKey, name(names, firstName + "-" + i), i));
            }
            for (int i = 1; i <= second; i++) {
                all.add(queue(secondKey, name(names, secondName + "-" + i), first + i));
            }
        }
        for (CompletableFuture<HttpResponse<String>> response : all) {
            assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
        }
        return servedOrder(names);
    }

    /**
     * The interactive request among the first three (next to the first waiting batch request; which goes first
     * depends on which held a turn when the slot freed).
     */
    private static void assertServedAheadOfTheBacklog(List<String> served) {
        assertThat(served.indexOf("interactive")).as(served.toString()).isBetween(0, 2);
    }

    /**
     * Sends a request of {@code key} far longer than any test (3,000 tokens, a minute at 20 ms a step) and waits
     * until it runs; closing the returned socket walks away from it, which frees the slot.
     */
    private static Socket holdTheSlot(String key) throws Exception {
        Socket holder = fixture.openRequest(GatewayFixture.chat("holder", 3000, true), key);
        await().atMost(WAIT).until(() -> fixture.simEngine(0).path("running").asInt() == 1);
        return holder;
    }

    /** Sends a request and waits until the queue holds {@code queuedAfter} requests. */
    private static CompletableFuture<HttpResponse<String>> queue(String key, String name, int queuedAfter) {
        CompletableFuture<HttpResponse<String>> response = send(key, name, 4);
        await().atMost(WAIT).until(() -> fixture.queueLength() == queuedAfter);
        return response;
    }

    /**
     * A non-streaming chat request of {@code tokens} tokens, its {@code X-Request-Id} the test's run and
     * {@code name}, so its line in the access log tells it from the other tests' requests of the same name.
     */
    private static CompletableFuture<HttpResponse<String>> send(String key, String name, int tokens) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.gateway.baseUrl() + "/v1/chat/completions"))
                .timeout(WAIT).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .header("X-Request-Id", requestIdPrefix() + name)
                .POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.chat(name, tokens, false))).build();
        return fixture.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Adds {@code name} to {@code names} and returns it. */
    private static String name(List<String> names, String name) {
        names.add(name);
        return name;
    }

    private static String requestIdPrefix() {
        return "fq" + RUN.get() + "-";
    }

    /**
     * The order in which the gateway finished this test's requests named {@code names} with a 200, from its access
     * log (lines are written up to 100 ms after the answers, in the order the requests ended).
     */
    private static List<String> servedOrder(List<String> names) {
        Pattern served = Pattern.compile("request id=" + Pattern.quote(requestIdPrefix()) + "(\\S+) .* status=200 ");
        List<String> order = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            order.clear();
            Matcher line = served.matcher(fixture.gateway.output());
            while (line.find()) {
                order.add(line.group(1));
            }
            return order.containsAll(names);
        });
        order.retainAll(names);
        assertThat(order).as("served once each").hasSameSizeAs(names);
        return order;
    }

    private static double queueWaits(String apiKey) {
        return fixture.metrics().sum("gateway_queue_wait_seconds_count", "api_key", apiKey);
    }

    private static double rejections(String reason) {
        return fixture.metrics().sum("gateway_rejections_total", "reason", reason);
    }
}
