package io.ascendgw.gateway.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;

/** Which models the gateway serves: the union of what its engines serve. */
@ApplicationScoped
public class ModelCatalog {

    /** What the gateway can say about a requested model. */
    public enum Availability {
        /** Some engine serving it is ready. */
        READY,
        /** Engines serving it exist but none is ready (starting, restarting). */
        NOT_READY,
        /** Engines are ready and none serves it. */
        UNKNOWN,
        /** No engine is ready and none is known to serve it: cannot tell yet. */
        NO_ENGINES
    }

    private final EngineRegistry registry;

    @Inject
    public ModelCatalog(EngineRegistry registry) {
        this.registry = registry;
    }

    public Availability availability(String model) {
        boolean known = false;
        boolean anyReady = false;
        for (Engine engine : registry.all()) {
            boolean serves = engine.serves(model);
            if (engine.routable()) {
                if (serves) {
                    return Availability.READY;
                }
                anyReady = true;
            }
            known |= serves;
        }
        if (known) {
            return Availability.NOT_READY;
        }
        return anyReady ? Availability.UNKNOWN : Availability.NO_ENGINES;
    }

    /** The model a request without {@code model} gets, as vLLM V1 does: the first served name. */
    public Optional<String> defaultModel() {
        for (Engine engine : registry.all()) {
            if (engine.routable() && !engine.modelNames().isEmpty()) {
                return Optional.of(engine.modelNames().iterator().next());
            }
        }
        return Optional.empty();
    }

    /** The {@code GET /v1/models} answer: every ready engine's model cards, one per id, in vLLM's shape. */
    public ObjectNode modelList() {
        Map<String, JsonNode> cards = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        for (Engine engine : registry.all()) {
            if (!engine.routable()) {
                continue;
            }
            for (JsonNode card : engine.models().cards()) {
                String id = card.path("id").asText();
                if (!cards.containsKey(id)) {
                    ObjectNode copy = ((ObjectNode) card).deepCopy();
                    copy.put("created", now);
                    cards.put(id, copy);
                }
            }
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        cards.values().forEach(data::add);
        return list;
    }
}
