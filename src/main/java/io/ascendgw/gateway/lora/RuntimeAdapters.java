package io.ascendgw.gateway.lora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.ascendgw.gateway.engine.Engine;
import io.vertx.core.buffer.Buffer;

/**
 * The LoRA adapters loaded through the gateway at run time. An engine forgets them when it restarts (vLLM keeps
 * runtime adapters in memory only), so the gateway loads them again on every engine of their model that becomes
 * ready. Not persisted: the gateway's own restart restarts its engines too. Thread-safe.
 */
@ApplicationScoped
public class RuntimeAdapters {

    /**
     * One adapter.
     *
     * @param name          its model name
     * @param models        the models whose engines serve it
     * @param loadBody      the load request's body, sent again as it was
     * @param authorization the {@code Authorization} the engines accepted it with (engines started with
     *                      {@code --api-key}), or null
     */
    record Adapter(String name, Set<String> models, Buffer loadBody, String authorization) {
    }

    private final Map<String, Adapter> byName = new LinkedHashMap<>();

    synchronized void put(Adapter adapter) {
        byName.put(adapter.name(), adapter);
    }

    synchronized void remove(String name) {
        byName.remove(name);
    }

    synchronized boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The adapters an engine should serve: those of a model it serves, in load order. */
    synchronized List<Adapter> forEngine(Engine engine) {
        List<Adapter> mine = new ArrayList<>();
        for (Adapter adapter : byName.values()) {
            if (adapter.models().stream().anyMatch(engine::serves)) {
                mine.add(adapter);
            }
        }
        return mine;
    }
}
