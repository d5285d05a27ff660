package io.ascendgw.gateway.bench;

import java.util.function.LongFunction;

import io.vertx.core.buffer.Buffer;

/**
 * Request bodies of one phase, by send order. Bodies of a phase with a known request count are encoded before the
 * phase starts (off the clock) unless they would take too much memory; a time-budgeted phase encodes each body at
 * send time, on the event loop.
 */
final class RequestSource {

    private final Buffer[] prepared;
    private final LongFunction<Buffer> lazy;
    private final long firstIndex;
    private final long indexStep;

    private RequestSource(Buffer[] prepared, LongFunction<Buffer> lazy, long firstIndex, long indexStep) {
        this.prepared = prepared;
        this.lazy = lazy;
        this.firstIndex = firstIndex;
        this.indexStep = indexStep;
    }

    /** Above this many bytes of bodies, encode at send time instead of holding them all in memory. */
    private static final long MAX_PREPARED_BYTES = 512L << 20;

    /**
     * Bodies for {@code count} sends at workload indices {@code firstIndex + i * indexStep}: encoded now when they
     * fit in {@value #MAX_PREPARED_BYTES} bytes (estimated from the first body), else at send time. Blocking.
     */
    static RequestSource forCount(WorkloadGenerator workload, RequestBodies bodies, int count, long firstIndex,
            long indexStep) {
        if (count == 0) {
            return new RequestSource(new Buffer[0], null, firstIndex, indexStep);
        }
        long estimate = (long) bodies.encode(workload.plan(firstIndex)).length() * count;
        if (estimate > MAX_PREPARED_BYTES) {
            return new RequestSource(null, index -> bodies.encode(workload.plan(index)), firstIndex, indexStep);
        }
        return prepared(workload, bodies, count, firstIndex, indexStep);
    }

    private static RequestSource prepared(WorkloadGenerator workload, RequestBodies bodies, int count, long firstIndex,
            long indexStep) {
        Buffer[] buffers = new Buffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = bodies.encode(workload.plan(firstIndex + i * indexStep));
        }
        return new RequestSource(buffers, null, firstIndex, indexStep);
    }

    /** Bodies encoded at send time. */
    static RequestSource lazy(WorkloadGenerator workload, RequestBodies bodies) {
        return new RequestSource(null, index -> bodies.encode(workload.plan(index)), 0, 1);
    }

    /** The body of the {@code n}-th send of the phase. */
    Buffer body(long n) {
        if (prepared != null) {
            Buffer buffer = prepared[(int) n];
            prepared[(int) n] = null;
            return buffer;
        }
        return lazy.apply(firstIndex + n * indexStep);
    }
}
