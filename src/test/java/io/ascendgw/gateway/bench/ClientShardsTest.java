package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

class ClientShardsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldKeepALightLoadOnTheFirstPoolAndCreateOthersOnlyForABurst() {
        // Given room for 1,000 connections: 8 pools of at most 128
        ClientShards shards = new ClientShards(vertx, new HttpClientOptions(), 1000, 500);

        // When requests come and go one or two at a time
        for (int i = 0; i < 50; i++) {
            int a = shards.acquire();
            int b = shards.acquire();
            shards.client(a);
            shards.client(b);
            assertThat(a).isZero();
            assertThat(b).isZero();
            shards.release(a);
            shards.release(b);
        }

        // Then a single pool exists
        assertThat(shards.pools()).isEqualTo(1);
    }

    @Test
    void shouldSpillABurstIntoTheNextPoolOnceOneIsFull() {
        // Given
        ClientShards shards = new ClientShards(vertx, new HttpClientOptions(), 1000, 500);

        // When 300 requests are in flight at once
        int[] counts = new int[8];
        for (int i = 0; i < 300; i++) {
            counts[shards.acquire()]++;
        }

        // Then they fill the first pools in order
        assertThat(counts).containsExactly(128, 128, 44, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldQueueInThePoolWithTheShortestWaitWhenEveryPoolIsFull() {
        // Given room for 200 connections (a pool of 128 and one of 72), full, with 10 more requests queued
        ClientShards shards = new ClientShards(vertx, new HttpClientOptions(), 200, 500);
        int[] counts = new int[2];
        for (int i = 0; i < 210; i++) {
            counts[shards.acquire()]++;
        }

        // Then the pools filled up to their own sizes and the overflow was shared between their queues
        assertThat(counts).containsExactly(128 + 5, 72 + 5);

        // When one request of the second pool ends, the next one waits there; then likewise for the first
        shards.release(1);
        assertThat(shards.acquire()).isEqualTo(1);
        shards.release(0);
        assertThat(shards.acquire()).isZero();
    }
}
