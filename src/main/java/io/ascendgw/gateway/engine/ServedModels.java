package io.ascendgw.gateway.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an engine reported on {@code GET /v1/models}: the model cards as the engine wrote them (re-served by the
 * gateway's own {@code /v1/models}), their ids, and which of them are LoRA adapters (vLLM gives an adapter's card the
 * base model as {@code parent}; base models have {@code "parent": null}).
 */
public record ServedModels(List<JsonNode> cards, Set<String> ids, Set<String> adapters) {

    public static final ServedModels NONE = new ServedModels(List.of(), Set.of(), Set.of());

    public ServedModels {
        cards = List.copyOf(cards);
        ids = Set.copyOf(ids);
        adapters = Set.copyOf(adapters);
    }

    /** Builds from the {@code data} array of a {@code /v1/models} answer; cards without an id are ignored. */
    public static ServedModels fromModelList(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            return NONE;
        }
        List<JsonNode> cards = new java.util.ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> adapters = new LinkedHashSet<>();
        for (JsonNode card : data) {
            JsonNode id = card.get("id");
            if (id != null && id.isTextual()) {
                cards.add(card);
                ids.add(id.asText());
                JsonNode parent = card.get("parent");
                if (parent != null && parent.isTextual() && !parent.asText().isEmpty()) {
                    adapters.add(id.asText());
                }
            }
        }
        return new ServedModels(cards, ids, adapters);
    }

    public boolean serves(String model) {
        return ids.contains(model);
    }

    /** Whether {@code model} is one of the engine's LoRA adapters. */
    public boolean isAdapter(String model) {
        return adapters.contains(model);
    }
}
