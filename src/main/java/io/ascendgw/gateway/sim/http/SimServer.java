package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The simulator's HTTP server: one Vert.x {@link HttpServer} per event loop, all on the same port (Vert.x spreads
 * connections over them). Plain vertx-core, no Quarkus.
 */
public final class SimServer {

    private final Vertx vertx;
    private final ServerContext ctx;
    private final ObjectMapper mapper = new ObjectMapper();
    /** One for the whole server: a response stored through one event loop is found through any other. */
    private final ResponseStore responseStore = new ResponseStore();
    private final List<String> deployments = new ArrayList<>();

    public SimServer(Vertx vertx, ServerContext ctx) {
        this.vertx = vertx;
        this.ctx = ctx;
    }

    /** Listens on {@code host:port} ({@code port} 0 picks one) with {@code eventLoops} servers; yields the port. */
    public Future<Integer> start(String host, int port, int eventLoops) {
        ServerVerticle first = new ServerVerticle(host, port);
        return vertx.deployVerticle(first).compose(id -> {
            deployments.add(id);
            int actual = first.actualPort;
            Future<Void> rest = Future.succeededFuture();
            for (int i = 1; i < eventLoops; i++) {
                rest = rest.compose(v -> vertx.deployVerticle(new ServerVerticle(host, actual))
                        .onSuccess(deployments::add).mapEmpty());
            }
            return rest.map(v -> actual);
        });
    }

    /** Stops listening; open connections are closed. */
    public Future<Void> close() {
        Future<Void> all = Future.succeededFuture();
        for (String id : deployments) {
            all = all.compose(v -> vertx.undeploy(id));
        }
        return all;
    }

    private final class ServerVerticle extends AbstractVerticle {

        private final String host;
        private final int port;
        private volatile int actualPort;

        ServerVerticle(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public void start(Promise<Void> started) {
            RequestRouter router = new RequestRouter(ctx, vertx, mapper, responseStore);
            // uvicorn answers "Expect: 100-continue"; curl waits a second for it before sending a body over 1 MiB
            HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                    .setIdleTimeout(0).setReuseAddress(true).setCompressionSupported(false)
                    .setHandle100ContinueAutomatically(true);
            vertx.createHttpServer(options).connectionHandler(router::connected).requestHandler(router)
                    .listen().onSuccess(server -> {
                        actualPort = server.actualPort();
                        started.complete();
                    }).onFailure(started::fail);
        }
    }
}
