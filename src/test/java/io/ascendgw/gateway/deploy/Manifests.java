package io.ascendgw.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The objects of a rendered (multi-document) manifest, as JSON trees, with look-ups the checks need. */
record Manifests(List<ObjectNode> objects) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Manifests parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    if (!document.isObject()) {
                        throw new IllegalArgumentException("a document is not a mapping: " + document);
                    }
                    objects.add((ObjectNode) document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(List.copyOf(objects));
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    ObjectNode one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** By name, or for generated ConfigMaps by the name before kustomize's hash suffix. */
    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> {
            String actual = o.path("metadata").path("name").asText();
            return actual.equals(name) || (kind.equals("ConfigMap") && actual.matches(
                    java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}"));
        }).findFirst();
    }

    /** The pod templates of the workloads (Deployments, StatefulSets). */
    List<ObjectNode> workloads() {
        List<ObjectNode> workloads = new ArrayList<>(ofKind("StatefulSet"));
        workloads.addAll(ofKind("Deployment"));
        return workloads;
    }

    /** A generated ConfigMap's data as a map. */
    Map<String, String> configData(String name) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        one("ConfigMap", name).path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** True when every label of {@code selector} (a matchLabels or a Service selector) is on {@code labels}. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var label = fields.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    static JsonNode container(JsonNode workload, String name) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError("no container " + name + " in " + workload.path("metadata").path("name"));
    }
}
