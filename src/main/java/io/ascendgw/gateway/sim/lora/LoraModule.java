package io.ascendgw.gateway.sim.lora;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A LoRA adapter as {@code --lora-modules} names it: {@code name=path}, or vLLM's JSON form
 * {@code {"name": ..., "path": ..., "base_model_name": ...}}.
 *
 * @param name          the model name requests use for the adapter
 * @param path          where its weights are (a local directory or a hub id)
 * @param baseModelName the served model it adapts ({@code parent} in {@code /v1/models}); null for the first
 */
public record LoraModule(String name, String path, String baseModelName) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses one {@code --lora-modules} value as vLLM's {@code LoRAParserAction} does: {@code name=path} when it has
     * an {@code =} and no comma, else JSON. Throws {@link IllegalArgumentException} with argparse's message.
     */
    public static LoraModule parse(String item) {
        if (item.contains("=") && !item.contains(",")) {
            String[] parts = item.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Invalid format for --lora-modules: " + item
                        + " (expected name=path or JSON)");
            }
            return new LoraModule(parts[0], parts[1], null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(item);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON format for --lora-modules: " + item);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Invalid JSON format for --lora-modules: " + item);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            String field = it.next().getKey();
            if (!field.equals("name") && !field.equals("path") && !field.equals("base_model_name")) {
                throw new IllegalArgumentException("Invalid fields for --lora-modules: " + item
                        + " - LoRAModulePath.__init__() got an unexpected keyword argument '" + field + "'");
            }
        }
        if (!node.path("name").isTextual() || !node.path("path").isTextual()) {
            throw new IllegalArgumentException("Invalid fields for --lora-modules: " + item
                    + " - LoRAModulePath.__init__() missing required positional arguments: 'name' and 'path'");
        }
        JsonNode base = node.get("base_model_name");
        return new LoraModule(node.get("name").textValue(), node.get("path").textValue(),
                base != null && base.isTextual() ? base.textValue() : null);
    }
}
