package io.ascendgw.gateway.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Runs {@link LoadSpec}s and returns {@link BenchResult}s. Each run uses one Vert.x event loop and its own pooled
 * keep-alive HTTP client, so several runs can go side by side in one process (e.g. gateway vs direct).
 *
 * <pre>{@code
 * try (LoadGenerator generator = LoadGenerator.create()) {
 *     BenchResult direct = generator.run(spec.toBuilder().baseUrl("http://127.0.0.1:8001").build());
 *     BenchResult gateway = generator.run(spec);
 *     double ratio = gateway.outputTokenThroughput() / direct.outputTokenThroughput();
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {

    private final Vertx vertx;
    private final boolean ownsVertx;

    private LoadGenerator(Vertx vertx, boolean ownsVertx) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
    }

    /** A generator with its own small Vert.x instance (2 event loops), closed by {@link #close()}. */
    public static LoadGenerator create() {
        return new LoadGenerator(Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(1)), true);
    }

    /** A generator on a caller-owned Vert.x instance; {@link #close()} leaves it running. */
    public static LoadGenerator using(Vertx vertx) {
        return new LoadGenerator(vertx, false);
    }

    /** Blocking run without progress output. Must not be called on a Vert.x event loop. */
    public BenchResult run(LoadSpec spec) {
        return run(spec, ProgressListener.NONE);
    }

    /**
     * Blocking run. Must not be called on a Vert.x event loop. Request errors are part of the result; the run
     * itself fails (with an {@link IllegalStateException}) only when it cannot start, e.g. the model cannot be
     * resolved.
     */
    public BenchResult run(LoadSpec spec, ProgressListener listener) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("LoadGenerator.run blocks; use start() on an event loop");
        }
        try {
            return start(spec, listener).toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    /**
     * Starts a run and returns at once; any thread. Each run is deployed as a verticle, so it gets an event-loop
     * context of its own (round robin over the event loops) and concurrent runs do not share one loop. Listener
     * callbacks come on that event loop.
     */
    public CompletionStage<BenchResult> start(LoadSpec spec, ProgressListener listener) {
        CompletableFuture<BenchResult> result = new CompletableFuture<>();
        vertx.deployVerticle(new RunVerticle(spec, listener, result)).onFailure(result::completeExceptionally);
        return result;
    }

    /** Hosts one {@link LoadRun} on its own context and undeploys itself when the run ends. */
    private static final class RunVerticle extends AbstractVerticle {
        private final LoadSpec spec;
        private final ProgressListener listener;
        private final CompletableFuture<BenchResult> result;

        RunVerticle(LoadSpec spec, ProgressListener listener, CompletableFuture<BenchResult> result) {
            this.spec = spec;
            this.listener = listener;
            this.result = result;
        }

        @Override
        public void start() {
            new LoadRun(vertx, context, spec, listener).run().onComplete(ar -> {
                vertx.undeploy(deploymentID());
                if (ar.succeeded()) {
                    result.complete(ar.result());
                } else {
                    result.completeExceptionally(ar.cause());
                }
            });
        }
    }

    /** Closes the owned Vert.x instance (waits for it); no-op for a shared one. */
    @Override
    public void close() {
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
