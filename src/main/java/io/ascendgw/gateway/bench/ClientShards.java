package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The run's connections, as pools of at most {@link #SHARD_SIZE} connections (together at most the run's limit) filled
 * first-fit. Vert.x picks a pooled
 * connection by scanning the whole pool on every request, so a single pool that grows to thousands of connections in
 * an open-loop burst costs O(connections) per request: the generator's event loop then stalls for seconds (Vert.x
 * reports it as a blocked thread) and the latencies it records are its own. First-fit keeps a light load on the
 * first pool's few warm connections and lets a burst spill into the next ones. Event-loop confined.
 */
final class ClientShards {

    static final int SHARD_SIZE = 128;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final int cleanerPeriodMillis;
    private final HttpClient[] clients;
    /** Connections each pool may open: {@link #SHARD_SIZE}, the last one the remainder of the total. */
    private final int[] capacity;
    private final int[] inFlight;

    ClientShards(Vertx vertx, HttpClientOptions options, int maxConnections, int cleanerPeriodMillis) {
        this.vertx = vertx;
        this.options = options;
        this.cleanerPeriodMillis = cleanerPeriodMillis;
        int total = Math.max(1, maxConnections);
        int shards = (total + SHARD_SIZE - 1) / SHARD_SIZE;
        this.clients = new HttpClient[shards];
        this.capacity = new int[shards];
        this.inFlight = new int[shards];
        for (int i = 0; i < shards; i++) {
            capacity[i] = Math.min(SHARD_SIZE, total - i * SHARD_SIZE);
        }
    }

    /** The first pool, for one-off calls (model discovery). */
    HttpClient first() {
        return client(0);
    }

    /**
     * Takes a slot in the first pool with room (when all are full, the one with the shortest wait queue); pair with
     * {@link #release}.
     */
    int acquire() {
        int chosen = 0;
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] < capacity[i]) {
                chosen = i;
                break;
            }
            if (inFlight[i] - capacity[i] < inFlight[chosen] - capacity[chosen]) {
                chosen = i;
            }
        }
        inFlight[chosen]++;
        return chosen;
    }

    void release(int shard) {
        inFlight[shard]--;
    }

    HttpClient client(int shard) {
        HttpClient client = clients[shard];
        if (client == null) {
            client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(capacity[shard])
                    .setMaxWaitQueueSize(-1).setCleanerPeriod(cleanerPeriodMillis));
            clients[shard] = client;
        }
        return client;
    }

    /** Pools created so far (each holds its own connections). */
    int pools() {
        int created = 0;
        for (HttpClient client : clients) {
            created += client == null ? 0 : 1;
        }
        return created;
    }

    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpClient client : clients) {
            if (client != null) {
                closing.add(client.close());
            }
        }
        return Future.join(closing).mapEmpty();
    }
}
