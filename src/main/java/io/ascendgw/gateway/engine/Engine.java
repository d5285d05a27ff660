package io.ascendgw.gateway.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * One engine as the rest of the gateway sees it: identity and placement (fixed), lifecycle state, the models it
 * serves and its gateway-side in-flight count (changing). Thread-safe; state changes are made only by the engine's
 * owner (the supervisor or the upstream prober), reads are lock-free.
 */
public final class Engine {

    private final String id;
    private final String pool;
    private final List<Integer> devices;
    private final boolean managed;
    private final Set<String> configuredModels;
    private final AtomicReference<EngineState> state;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<ProcessFacts> process = new AtomicReference<>(ProcessFacts.NONE);
    private volatile EngineEndpoint endpoint;
    private volatile ServedModels models = ServedModels.NONE;
    private volatile String version;
    private volatile long lastProgressNanos = System.nanoTime();
    private final EngineTelemetry telemetry = new EngineTelemetry();

    /**
     * @param configuredModels names the engine is expected to serve before it has answered {@code /v1/models}
     *                         (empty for an upstream, whose models are only known once it answers)
     */
    public Engine(String id, String pool, EngineEndpoint endpoint, List<Integer> devices, boolean managed,
            Set<String> configuredModels) {
        this.id = id;
        this.pool = pool;
        this.endpoint = endpoint;
        this.devices = List.copyOf(devices);
        this.managed = managed;
        this.configuredModels = Set.copyOf(configuredModels);
        this.state = new AtomicReference<>(new EngineState.Starting(Instant.now(), 0));
    }

    public String id() {
        return id;
    }

    public String pool() {
        return pool;
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    void moveTo(EngineEndpoint newEndpoint) {
        this.endpoint = newEndpoint;
    }

    /** NPU ids the engine is pinned to; empty for upstreams and simulated engines without devices. */
    public List<Integer> devices() {
        return devices;
    }

    /** Whether the gateway launched this engine (false for a configured upstream). */
    public boolean managed() {
        return managed;
    }

    public EngineState state() {
        return state.get();
    }

    /** Applies a transition; returns the new state. Only the engine's owner calls this. */
    public EngineState transition(UnaryOperator<EngineState> move) {
        return state.updateAndGet(move);
    }

    public boolean routable() {
        return state.get().routable();
    }

    /** Whether a request for {@code model} may go here: the engine reported it or, before that, was configured so. */
    public boolean serves(String model) {
        ServedModels reported = models;
        return reported.ids().isEmpty() ? configuredModels.contains(model) : reported.serves(model);
    }

    /** Models known for this engine, reported or configured. */
    public Set<String> modelNames() {
        ServedModels reported = models;
        return reported.ids().isEmpty() ? configuredModels : reported.ids();
    }

    public ServedModels models() {
        return models;
    }

    public void models(ServedModels reported) {
        this.models = reported;
    }

    /** The vLLM version the engine reported on {@code GET /version} when it became ready; null while unknown. */
    public String version() {
        return version;
    }

    public void version(String reported) {
        this.version = reported;
    }

    /** Requests the gateway has sent to this engine and not yet finished: exact and instant. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Counts a request as started unless {@code limit} are in flight already, in one atomic step: a routing decision
     * reads the count some microseconds earlier, and requests deciding at once on other event loops can all have
     * read the last free slot.
     *
     * @return whether the request was counted (false: the engine is at its limit)
     */
    public boolean tryRequestStarted(int limit) {
        int current;
        do {
            current = inFlight.get();
            if (current >= limit) {
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        if (current == 0) {
            // An idle engine has had nothing to progress on; stall detection starts counting now.
            progressed();
        }
        return true;
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** Marks that a byte arrived from the engine, for stall detection. */
    public void progressed() {
        lastProgressNanos = System.nanoTime();
    }

    public long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** The engine's own metrics, as last scraped. */
    public EngineTelemetry telemetry() {
        return telemetry;
    }

    public ProcessFacts process() {
        return process.get();
    }

    public void process(UnaryOperator<ProcessFacts> update) {
        process.updateAndGet(update);
    }

    @Override
    public String toString() {
        return id + "@" + endpoint;
    }
}
