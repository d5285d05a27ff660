package io.ascendgw.gateway.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.PromQlNames;

/** The shipped Grafana dashboard, read from {@code k8s/grafana/}, with its PromQL queries. */
final class GrafanaDashboard {

    static final Path FILE = Path.of("k8s/grafana/ascend-gateway-dashboard.json");

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    static GrafanaDashboard load() {
        try {
            return new GrafanaDashboard(GatewayHttp.json(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Panels that show data (rows left out). */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        root.path("panels").forEach(p -> {
            if (!p.path("type").asText().equals("row")) {
                panels.add(p);
            }
        });
        return panels;
    }

    /** Every PromQL expression, keyed by "panel title / refId". */
    Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(t -> expressions.put(panel.path("title").asText() + " / "
                    + t.path("refId").asText(), t.path("expr").asText()));
        }
        return expressions;
    }

    /** Metric names each query reads, variables' {@code label_values} included, keyed like {@link #expressions}. */
    Map<String, Set<String>> metricNames() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        expressions().forEach((where, expr) -> names.put(where, PromQlNames.of(expr)));
        root.path("templating").path("list").forEach(variable -> {
            String metric = PromQlNames.ofLabelValues(variable.path("definition").asText());
            if (metric != null) {
                names.put("variable " + variable.path("name").asText(), Set.of(metric));
            }
        });
        return names;
    }
}
