package io.ascendgw.gateway.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class AdmissionQueueTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<String> turns = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldRefuseWhenFullAndWakeWaitersInOrderOneAtATimeWhenOneTurnIsAllowed() {
        // Given a queue of 2 holding a and b, one turn at a time
        AdmissionQueue queue = new AdmissionQueue("p", 2, Duration.ofSeconds(5), 1);
        AdmissionQueue.Ticket a = queue.enqueue(context, () -> turns.add("a"));
        AdmissionQueue.Ticket b = queue.enqueue(context, () -> turns.add("b"));
        // Then a third is refused
        assertThat(queue.enqueue(context, () -> turns.add("c"))).isNull();
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
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5), 2);
        AdmissionQueue.Ticket a = queue.enqueue(context, () -> turns.add("a"));
        queue.enqueue(context, () -> turns.add("b"));
        queue.enqueue(context, () -> turns.add("c"));
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
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5));
        List<AdmissionQueue.Ticket> tickets = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            tickets.add(queue.enqueue(context, () -> turns.add(name)));
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
        AdmissionQueue queue = new AdmissionQueue("p", 10, Duration.ofSeconds(5));
        AdmissionQueue.Ticket a = queue.enqueue(context, () -> turns.add("a"));
        queue.enqueue(context, () -> turns.add("b"));
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
        AdmissionQueue queue = new AdmissionQueue("p", 1, Duration.ofSeconds(5));
        AdmissionQueue.Ticket a = queue.enqueue(context, () -> turns.add("a"));
        // When a is cancelled
        assertThat(queue.cancel(a)).isTrue();
        // Then its place is free again and it never gets a turn
        assertThat(queue.hasWaiters()).isFalse();
        assertThat(queue.enqueue(context, () -> turns.add("b"))).isNotNull();
        queue.capacityFreed();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.size() == 1);
        assertThat(turns).containsExactly("b");
    }
}
