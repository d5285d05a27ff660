package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The run's connections, as pools of at most {@link #SHARD_SIZE} connections filled first-fit. Vert.x picks a pooled
 * connection by scanning the whole pool on every request, so a single pool that grows to thousands of connections in
 * an open-loop burst costs O(connections) per request: the generator's event loop then stalls for seconds (Vert.x
 * reports it as a blocked thread) and the latencies it records are its own. First-fit keeps a light load on the
 * first pool's few warm connections and lets a burst spill into the next ones. Event-loop confined.
 */
final class ClientShards {

    static final int SHARD_SIZE = 128;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions poolOptions;
    private final HttpClient[] clients;
    private final int[] inFlight;

    ClientShards(Vertx vertx, HttpClientOptions options, int maxConnections, int cleanerPeriodMillis) {
        this.vertx = vertx;
        this.options = options;
        int shards = Math.max(1, (maxConnections + SHARD_SIZE - 1) / SHARD_SIZE);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(Math.min(SHARD_SIZE, Math.max(1, maxConnections)))
                .setMaxWaitQueueSize(-1).setCleanerPeriod(cleanerPeriodMillis);
        this.clients = new HttpClient[shards];
        this.inFlight = new int[shards];
    }

    /** The first pool, for one-off calls (model discovery). */
    HttpClient first() {
        return client(0);
    }

    /** Takes a slot in the first pool with room (the least busy when all are full); pair with {@link #release}. */
    int acquire() {
        int chosen = 0;
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] < SHARD_SIZE) {
                chosen = i;
                break;
            }
            if (inFlight[i] < inFlight[chosen]) {
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
            client = vertx.createHttpClient(options, poolOptions);
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
