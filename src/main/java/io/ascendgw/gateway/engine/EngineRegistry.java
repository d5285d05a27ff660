package io.ascendgw.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every engine the gateway knows, launched or configured. Readers (routing, metrics, admin) get an immutable
 * snapshot without locking; engines are added and removed by their owners.
 */
@ApplicationScoped
public class EngineRegistry {

    private final AtomicReference<List<Engine>> engines = new AtomicReference<>(List.of());

    /** The current engines, in the order they were added. Never blocks. */
    public List<Engine> all() {
        return engines.get();
    }

    public Optional<Engine> byId(String id) {
        for (Engine engine : engines.get()) {
            if (engine.id().equals(id)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    public void add(Engine engine) {
        engines.updateAndGet(current -> {
            List<Engine> next = new ArrayList<>(current);
            next.add(engine);
            return List.copyOf(next);
        });
    }

    public void remove(Engine engine) {
        engines.updateAndGet(current -> {
            List<Engine> next = new ArrayList<>(current);
            next.remove(engine);
            return List.copyOf(next);
        });
    }

    /** Whether at least one engine takes traffic. */
    public boolean anyRoutable() {
        for (Engine engine : engines.get()) {
            if (engine.routable()) {
                return true;
            }
        }
        return false;
    }
}
