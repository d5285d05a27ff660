package io.ascendgw.gateway.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One request/response, from send to outcome. Event-loop confined. TTFT is measured to the arrival of the first
 * buffer holding an event with non-empty content (a chat role-only chunk does not count); each later content event
 * adds an ITL sample. Success needs HTTP 200 and, when streaming, {@code [DONE]} without an in-band error.
 */
final class Exchange implements SseParser.Listener {

    private static final int EXCERPT = 200;

    private final RequestExecutor executor;
    private final MetricsRecorder recorder;
    private final Runnable onDone;
    private RequestExecutor.StreamState state;
    private HttpClientRequest request;
    private long timerId = -1;
    private boolean finished;
    private int shard = -1;
    private long startNanos;
    private long arrivalNanos;
    private long firstContentNanos = -1;
    private long lastContentNanos;
    private int contentChunks;
    private boolean sawDone;
    private ChunkScanner.Usage usage;
    private RequestFailure inBandError;

    Exchange(RequestExecutor executor, MetricsRecorder recorder, Runnable onDone) {
        this.executor = executor;
        this.recorder = recorder;
        this.onDone = onDone;
    }

    void start(Buffer body) {
        startNanos = System.nanoTime();
        timerId = executor.vertx().setTimer(executor.timeoutMillis(), id -> onTimeout());
        shard = executor.clients().acquire();
        executor.clients().client(shard).request(executor.postOptions()).onComplete(ar -> {
            if (ar.failed()) {
                fail(new RequestFailure.ConnectionFailed(message(ar.cause())));
            } else if (finished) {
                ar.result().reset();
            } else {
                request = ar.result();
                request.send(body).onComplete(this::onResponse);
            }
        });
    }

    private void onResponse(AsyncResult<HttpClientResponse> ar) {
        if (finished) {
            return;
        }
        if (ar.failed()) {
            fail(new RequestFailure.ConnectionFailed(message(ar.cause())));
            return;
        }
        HttpClientResponse response = ar.result();
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            response.body().onComplete(body -> fail(new RequestFailure.HttpStatus(status,
                    body.succeeded() ? excerpt(body.result()) : "")));
            return;
        }
        if (executor.stream()) {
            state = executor.acquireState();
            response.exceptionHandler(t -> fail(new RequestFailure.Truncated("stream broke: " + message(t))));
            response.handler(this::onBuffer);
            response.endHandler(v -> onStreamEnd());
        } else {
            response.body().onComplete(this::onBody);
        }
    }

    private void onBuffer(Buffer buffer) {
        if (!finished) {
            arrivalNanos = System.nanoTime();
            state.parser.feed(buffer, this);
        }
    }

    /** Parser callback; must not finish the exchange (the parser is still iterating its buffer). */
    @Override
    public void onEvent(byte[] data, int length) {
        if (ChunkScanner.isDone(data, length)) {
            sawDone = true;
            return;
        }
        if (ChunkScanner.isError(data, length)) {
            if (inBandError == null) {
                inBandError = new RequestFailure.InBandError(ChunkScanner.excerpt(data, length, EXCERPT));
            }
            return;
        }
        if (ChunkScanner.hasContent(data, length)) {
            if (firstContentNanos < 0) {
                firstContentNanos = arrivalNanos;
            } else {
                state.addGap(arrivalNanos - lastContentNanos);
            }
            lastContentNanos = arrivalNanos;
            contentChunks++;
        }
        ChunkScanner.Usage found = ChunkScanner.usage(data, length);
        if (found != null) {
            usage = found;
        }
    }

    private void onStreamEnd() {
        if (finished) {
            return;
        }
        long end = System.nanoTime();
        state.parser.finish(this);
        if (inBandError != null) {
            fail(inBandError);
        } else if (!sawDone) {
            fail(new RequestFailure.Truncated("stream ended without [DONE] after " + contentChunks + " chunks"));
        } else {
            succeed(end);
        }
    }

    private void onBody(AsyncResult<Buffer> ar) {
        if (finished) {
            return;
        }
        long end = System.nanoTime();
        if (ar.failed()) {
            fail(new RequestFailure.Truncated("body broke: " + message(ar.cause())));
            return;
        }
        byte[] bytes = ar.result().getBytes();
        if (ChunkScanner.isError(bytes, bytes.length)) {
            fail(new RequestFailure.InBandError(ChunkScanner.excerpt(bytes, bytes.length, EXCERPT)));
            return;
        }
        usage = ChunkScanner.usage(bytes, bytes.length);
        contentChunks = ChunkScanner.hasContent(bytes, bytes.length) ? 1 : 0;
        succeed(end);
    }

    private void succeed(long endNanos) {
        boolean usageReported = usage != null && usage.completionTokens() >= 0;
        int output = usageReported ? usage.completionTokens() : contentChunks;
        int prompt = usage != null ? usage.promptTokens() : 0;
        long ttft = firstContentNanos < 0 ? -1 : firstContentNanos - startNanos;
        long[] gaps = state == null ? null : state.gaps;
        int gapCount = state == null ? 0 : state.gapCount;
        recorder.recordSuccess(endNanos - startNanos, ttft, prompt, output, contentChunks, gaps, gapCount,
                usageReported);
        finish();
    }

    private void onTimeout() {
        timerId = -1;
        if (!finished) {
            fail(new RequestFailure.TimedOut(executor.timeoutMillis()));
            if (request != null) {
                request.reset();
            }
        }
    }

    private void fail(RequestFailure failure) {
        if (!finished) {
            recorder.recordFailure(failure);
            finish();
        }
    }

    private void finish() {
        finished = true;
        if (shard >= 0) {
            executor.clients().release(shard);
            shard = -1;
        }
        if (timerId >= 0) {
            executor.vertx().cancelTimer(timerId);
            timerId = -1;
        }
        if (state != null) {
            executor.releaseState(state);
            state = null;
        }
        onDone.run();
    }

    private static String excerpt(Buffer body) {
        String text = body.toString();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
