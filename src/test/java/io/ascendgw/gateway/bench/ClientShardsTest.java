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
    void shouldUseTheLeastBusyPoolWhenEveryPoolIsFull() {
        // Given two full pools (room for 256 connections), one of which then frees two slots
        ClientShards shards = new ClientShards(vertx, new HttpClientOptions(), 256, 500);
        for (int i = 0; i < 260; i++) {
            shards.acquire();
        }
        shards.release(1);
        shards.release(1);

        // When
        int next = shards.acquire();

        // Then the request waits in the pool with the fewest in flight
        assertThat(next).isEqualTo(1);
    }
}
