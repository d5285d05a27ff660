package io.ascendgw.gateway.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an engine reported on {@code GET /v1/models}: the model cards as the engine wrote them (re-served by the
 * gateway's own {@code /v1/models}) and their ids.
 */
public record ServedModels(List<JsonNode> cards, Set<String> ids) {

    public static final ServedModels NONE = new ServedModels(List.of(), Set.of());

    public ServedModels {
        cards = List.copyOf(cards);
        ids = Set.copyOf(ids);
    }

    /** Builds from the {@code data} array of a {@code /v1/models} answer; cards without an id are ignored. */
    public static ServedModels fromModelList(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            return NONE;
        }
        List<JsonNode> cards = new java.util.ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode card : data) {
            JsonNode id = card.get("id");
            if (id != null && id.isTextual()) {
                cards.add(card);
                ids.add(id.asText());
            }
        }
        return new ServedModels(cards, ids);
    }

    public boolean serves(String model) {
        return ids.contains(model);
    }
}
