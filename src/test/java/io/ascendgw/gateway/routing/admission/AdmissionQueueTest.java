package io.ascendgw.gateway.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class AdmissionQueueTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<String> turns = new CopyOnWriteArrayList<>();
    /** For requests that must keep their place: being displaced shows up among the turns. */
    private final Runnable NEVER = () -> turns.add("displaced");

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldRefuseWhenFullAndWakeWaitersInOrderOneAtATimeWhenOneTurnIsAllowed() {
        // Given a queue of 2 holding a and b, one turn at a time
        AdmissionQueue queue = new AdmissionQueue("p", 2, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        AdmissionQueue.Ticket a = queue.enqueue(null, context, () -> turns.add("a"), NEVER);
        AdmissionQueue.Ticket b = queue.enqueue(null, context, () -> turns.add("b"), NEVER);
        // Then a third is refused
        assertThat(queue.enqueue(null, context, () -> turns.add("c"), NEVER)).isNull();
        // When capacity frees twice before a reports back
        queue.capacityFreed();
        queue.capacityFreed();
        // Then only a got its turn
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        assertThat(turns).containsExactly("a");
        assertThat(queue.hasWaiters()).isTrue();
        // When a reports it was routed, Then b is woken next
        queue.turnEnded(a, AdmissionQueue.TurnResult.ROUTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 2);
        assertThat(turns).containsExactly("a", "b");
        queue.turnEnded(b, AdmissionQueue.TurnResult.ROUTED);
        assertThat(queue.hasWaiters()).isFalse();
    }

    @Test
    void shouldWakeOneWaiterPerFreedSlotUpToTheTurnLimitWhenCapacityFreesInABurst() {
        // Given a, b and c waiting in a queue that allows two turns at once
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY, 2);
        AdmissionQueue.Ticket a = queue.enqueue(null, context, () -> turns.add("a"), NEVER);
        queue.enqueue(null, context, () -> turns.add("b"), NEVER);
        queue.enqueue(null, context, () -> turns.add("c"), NEVER);
        // When three slots free before anyone reports back
        queue.capacityFreed();
        queue.capacityFreed();
        queue.capacityFreed();
        // Then a and b hold turns at once, and c waits for one of them
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 2);
        assertThat(turns).containsExactly("a", "b");
        assertThat(queue.size()).isEqualTo(3);
        // When a is routed, Then c gets the freed turn
        queue.turnEnded(a, AdmissionQueue.TurnResult.ROUTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 3);
        assertThat(turns).containsExactly("a", "b", "c");
    }

    @Test
    void shouldWakeTwoMoreWhenAWaiterFindsRoomSoAQueueDrainsInFewRounds() {
        // Given five waiting and one slot freed
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY);
        List<AdmissionQueue.Ticket> tickets = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            tickets.add(queue.enqueue(null, context, () -> turns.add(name), NEVER));
        }
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        // When a routes, Then b and c are woken together
        queue.turnEnded(tickets.get(0), AdmissionQueue.TurnResult.ROUTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 3);
        // When b and c route too, Then d and e are woken without any request ending
        queue.turnEnded(tickets.get(1), AdmissionQueue.TurnResult.ROUTED);
        queue.turnEnded(tickets.get(2), AdmissionQueue.TurnResult.ROUTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 5);
        assertThat(turns).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void shouldPutAWaiterBackAtTheHeadWhenItsTurnFoundNoCapacity() {
        // Given a and b waiting, and a woken
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY);
        AdmissionQueue.Ticket a = queue.enqueue(null, context, () -> turns.add("a"), NEVER);
        queue.enqueue(null, context, () -> turns.add("b"), NEVER);
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        // When a finds every engine still saturated
        queue.turnEnded(a, AdmissionQueue.TurnResult.SATURATED);
        // Then nobody else is woken, and the next free slot goes to a again
        assertThat(queue.size()).isEqualTo(2);
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 2);
        assertThat(turns).containsExactly("a", "a");
    }

    @Test
    void shouldDropACancelledWaiterWhenItsClientLeaves() {
        // Given a and b waiting
        AdmissionQueue queue = new AdmissionQueue("p", 1, Duration.ofSeconds(5), QueueFairness.PER_KEY);
        AdmissionQueue.Ticket a = queue.enqueue(null, context, () -> turns.add("a"), NEVER);
        // When a is cancelled
        assertThat(queue.cancel(a)).isTrue();
        // Then its place is free again and it never gets a turn
        assertThat(queue.hasWaiters()).isFalse();
        assertThat(queue.enqueue(null, context, () -> turns.add("b"), NEVER)).isNotNull();
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        assertThat(turns).containsExactly("b");
    }

    @Test
    void shouldLetApiKeysTakeTurnsSoOneKeysBacklogDoesNotHoldAnotherKeysRequestBehindIt() {
        // Given key a's backlog of four, then one request of b, one more of a, and one of c, one turn at a time
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        List<AdmissionQueue.Ticket> tickets = enqueueAll(queue, "a1", "a2", "a3", "a4", "b1", "a5", "c1");
        // When the queue drains
        drain(queue, tickets);
        // Then b's and c's requests go right after a's first, and a's go in their arrival order
        assertThat(turns).containsExactly("a1", "b1", "c1", "a2", "a3", "a4", "a5");
    }

    @Test
    void shouldWakeInArrivalOrderWhateverTheKeyWhenFifo() {
        // Given the same arrivals in a FIFO queue
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.FIFO, 1);
        List<AdmissionQueue.Ticket> tickets = enqueueAll(queue, "a1", "a2", "a3", "a4", "b1", "a5", "c1");
        // When the queue drains, Then it is arrival order
        drain(queue, tickets);
        assertThat(turns).containsExactly("a1", "a2", "a3", "a4", "b1", "a5", "c1");
    }

    @Test
    void shouldMakeRoomInAFullQueueForAKeyHoldingFewerWaitersByDisplacingTheNewestOfTheLongestLine() {
        // Given a full queue of four, all key a's
        AdmissionQueue queue = new AdmissionQueue("p", 4, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        List<AdmissionQueue.Ticket> tickets = new CopyOnWriteArrayList<>(enqueueAll(queue, "a1", "a2", "a3", "a4"));
        // When b's requests arrive, Then the first two take the places of a's newest two
        tickets.addAll(enqueueAll(queue, "b1", "b2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 2);
        assertThat(turns).containsExactly("a4 displaced", "a3 displaced");
        // And with two each, neither b nor a gets another place
        assertThat(queue.enqueue("b", context, () -> turns.add("b3"), NEVER)).isNull();
        assertThat(queue.enqueue("a", context, () -> turns.add("a5"), NEVER)).isNull();
        assertThat(queue.size()).isEqualTo(4);
        // When the queue drains, Then the displaced never get a turn and the keys alternate
        turns.clear();
        drain(queue, List.of(tickets.get(0), tickets.get(1), tickets.get(4), tickets.get(5)));
        assertThat(turns).containsExactly("a1", "b1", "a2", "b2");
    }

    @Test
    void shouldRefuseANewcomerOfAFullFifoQueueWhateverItsKey() {
        // Given a full FIFO queue of a's
        AdmissionQueue queue = new AdmissionQueue("p", 2, Duration.ofSeconds(5), QueueFairness.FIFO, 1);
        enqueueAll(queue, "a1", "a2");
        // When b arrives, Then it is refused and nobody is displaced
        assertThat(queue.enqueue("b", context, () -> turns.add("b1"), NEVER)).isNull();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(turns).isEmpty();
    }

    @Test
    void shouldGiveAWaiterThatFoundNoRoomTheNextTurnBeforeOtherKeys() {
        // Given a1 and a2 of key a and b1 of key b, and a1 woken
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        List<AdmissionQueue.Ticket> tickets = enqueueAll(queue, "a1", "a2", "b1");
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        // When a1 finds every engine still saturated
        queue.turnEnded(tickets.get(0), AdmissionQueue.TurnResult.SATURATED);
        // Then a1 goes first again, then b1, then a2
        drain(queue, tickets);
        assertThat(turns).containsExactly("a1", "a1", "b1", "a2");
    }

    @Test
    void shouldWakeWaitersThatFoundNoRoomInTheOrderTheyWereFirstWokenWhateverOrderTheyReportIn() {
        // Given b1 (key b) and a1, a2 (key a) woken together, two turns at a time, and a3 still waiting
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY, 2);
        List<AdmissionQueue.Ticket> tickets = enqueueAll(queue, "b1", "a1", "a2", "a3");
        queue.capacityFreed();
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 2);
        assertThat(turns).containsExactly("b1", "a1");
        // When both find no room, the later woken reporting first
        queue.turnEnded(tickets.get(1), AdmissionQueue.TurnResult.SATURATED);
        queue.turnEnded(tickets.get(0), AdmissionQueue.TurnResult.SATURATED);
        // Then they go again in the order they were first woken, before a's next request
        turns.clear();
        drain(queue, tickets);
        assertThat(turns).containsExactly("b1", "a1", "a2", "a3");
    }

    @Test
    void shouldForgetAKeyWhoseLastWaiterWasCancelledAndServeTheOthers() {
        // Given a1, b1, a2 waiting
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        List<AdmissionQueue.Ticket> tickets = enqueueAll(queue, "a1", "b1", "a2");
        // When b1's client leaves
        assertThat(queue.cancel(tickets.get(1))).isTrue();
        assertThat(queue.cancel(tickets.get(1))).isFalse();
        // Then a's requests are all that is woken
        drain(queue, List.of(tickets.get(0), tickets.get(2)));
        assertThat(turns).containsExactly("a1", "a2");
        assertThat(queue.hasWaiters()).isFalse();
    }

    @Test
    void shouldGiveAKeyWhoseRequestsAreLongerFewerTurnsInProportionWhenPerKey() {
        // Given key a's requests served 2,000 weighted tokens each (1,000 computed prompt + 2 x 500 generated) and
        // b's 200 (a prompt of 1,100 tokens of which 1,000 came from the prefix cache, and 50 generated)
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        queue.served("a", 1_000, 0, 500);
        queue.served("b", 1_100, 1_000, 50);
        // When three of a's requests and then twenty of b's wait, and the queue drains
        List<String> names = new ArrayList<>(List.of("a1", "a2", "a3"));
        IntStream.rangeClosed(1, 20).forEach(i -> names.add("b" + i));
        drain(queue, enqueueAll(queue, names.toArray(String[]::new)));
        // Then b has ten turns for each of a's: a's second request goes after b's nineteenth
        assertThat(turns.subList(0, 11)).containsExactly("b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "a1",
                "b10");
        assertThat(turns.subList(20, 23)).containsExactly("a2", "b20", "a3");
    }

    @Test
    void shouldGiveEveryKeyTheSameTurnsWhateverItsRequestsCostWhenPerKeyRequests() {
        // Given the same service counted, in a queue that gives every request one turn
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.PER_KEY_REQUESTS,
                1);
        queue.served("a", 1_000, 0, 500);
        queue.served("b", 1_100, 1_000, 50);
        // When
        drain(queue, enqueueAll(queue, "a1", "a2", "a3", "b1", "b2", "b3", "b4"));
        // Then the keys alternate
        assertThat(turns).containsExactly("a1", "b1", "a2", "b2", "a3", "b3", "b4");
    }

    @Test
    void shouldWeighAKeyWithoutHistoryAsThePoolsMeanRequest() {
        // Given a's requests served 300 tokens each and b's 100: the pool's mean is 200
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        queue.served("a", 300, 0, 0);
        queue.served("b", 100, 0, 0);
        // When c, new, queues two requests beside four of b's
        drain(queue, enqueueAll(queue, "c1", "c2", "b1", "b2", "b3", "b4"));
        // Then c's turns are twice as long as b's (tags c: 200, 400; b: 100, 200, 300, 400)
        assertThat(turns).containsExactly("b1", "c1", "b2", "b3", "c2", "b4");
    }

    @Test
    void shouldGiveAKeyOfWeightTwoTwiceTheTurnsOfAKeyOfWeightOne() {
        // Given four requests of key a (weight 2) and two of key b (weight 1), b's arriving last
        AdmissionQueue queue = new AdmissionQueue("p", 100, Duration.ofSeconds(5), QueueFairness.PER_KEY, 1);
        List<AdmissionQueue.Ticket> tickets = new ArrayList<>();
        for (String name : List.of("a1", "a2", "a3", "a4", "b1", "b2")) {
            tickets.add(queue.enqueue(name.substring(0, 1), name.startsWith("a") ? 2.0 : 1.0, context,
                    () -> turns.add(name), NEVER));
        }
        // When the queue drains
        drain(queue, tickets);
        // Then a has two turns for each of b's (tags a: 0.5, 1, 1.5, 2; b: 1, 2; ties in arrival order)
        assertThat(turns).containsExactly("a1", "a2", "b1", "a3", "a4", "b2");
    }

    /** Queues requests named key + number (key "a" for "a1"); displacement adds "&lt;name&gt; displaced". */
    private List<AdmissionQueue.Ticket> enqueueAll(AdmissionQueue queue, String... names) {
        List<AdmissionQueue.Ticket> tickets = new ArrayList<>();
        for (String name : names) {
            AdmissionQueue.Ticket ticket = queue.enqueue(name.substring(0, 1), context, () -> turns.add(name),
                    () -> turns.add(name + " displaced"));
            assertThat(ticket).as(name).isNotNull();
            tickets.add(ticket);
        }
        return tickets;
    }

    /** Frees one slot and routes whoever holds a turn until nobody waits, then lets every woken one run. */
    private void drain(AdmissionQueue queue, List<AdmissionQueue.Ticket> tickets) {
        queue.capacityFreed();
        for (int round = 0; round < 100 && queue.hasWaiters(); round++) {
            // The queue ignores a report from a ticket that holds no turn, so every ticket may report.
            tickets.forEach(t -> queue.turnEnded(t, AdmissionQueue.TurnResult.ROUTED));
        }
        assertThat(queue.hasWaiters()).isFalse();
        // Turns run on the context in the order they were given: once this runs, every one has.
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        context.runOnContext(v -> flushed.complete(null));
        flushed.join();
    }
}
