package io.ascendgw.gateway.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * One pooled HTTP client to the engines per event loop. A Vert.x client pool is shared by every event loop, so a
 * request handled on loop A would often borrow a connection owned by loop B, and every write and every response
 * event would then hop between threads (a task queue and a wake-up each way). A client per loop keeps a request,
 * its client connection and its engine connection on one thread.
 */
final class UpstreamClients {

    /**
     * How often each pool closes the connections idle past the keep-alive. Vert.x checks expiry only then, not when
     * it hands a connection out, so with its default (1 s) a connection idle for up to keep-alive + 1 s could be
     * reused: with the default 4 s that is the moment vLLM (5 s) closes it, and every request sent on such a
     * connection fails, in bursts, since a burst's connections go idle together.
     */
    static final int EVICTION_PERIOD_MILLIS = 100;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions perLoopPool;
    private final HttpClient shared;
    private final List<HttpClient> all = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<HttpClient> perLoop = new FastThreadLocal<>() {
        @Override
        protected HttpClient initialValue() {
            HttpClient client = vertx.createHttpClient(options, perLoopPool);
            all.add(client);
            return client;
        }
    };

    /** {@code maxConnectionsPerEngine} is the total over all loops; each loop gets its share. */
    UpstreamClients(Vertx vertx, HttpClientOptions options, int maxConnectionsPerEngine) {
        this.vertx = vertx;
        this.options = options;
        int loops = eventLoops(vertx);
        this.perLoopPool = new PoolOptions().setHttp1MaxSize(Math.max(1, (maxConnectionsPerEngine + loops - 1) / loops))
                .setMaxWaitQueueSize(-1).setCleanerPeriod(EVICTION_PERIOD_MILLIS);
        this.shared = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnectionsPerEngine)
                .setMaxWaitQueueSize(-1).setCleanerPeriod(EVICTION_PERIOD_MILLIS));
        all.add(shared);
    }

    /** The calling event loop's client; a shared one for any other thread. */
    HttpClient current() {
        return Context.isOnEventLoopThread() ? perLoop.get() : shared;
    }

    void close() {
        all.forEach(HttpClient::close);
    }

    private static int eventLoops(Vertx vertx) {
        EventLoopGroup group = ((VertxInternal) vertx).getEventLoopGroup();
        return group instanceof MultithreadEventLoopGroup multi ? Math.max(1, multi.executorCount()) : 1;
    }
}
