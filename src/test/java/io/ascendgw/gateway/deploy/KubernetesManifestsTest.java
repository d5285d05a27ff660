package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.contract.RepoFiles;

/**
 * Every manifest under k8s/ parses and refers only to files that exist; every overlay (and every optional component
 * on top of one) renders with kustomize; every rendered object is valid against the Kubernetes schema.
 */
class KubernetesManifestsTest {

    private static KubernetesSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = new KubernetesSchemas();
    }

    @Test
    void shouldParseEveryYamlFileWhenReadFromK8s() throws IOException {
        // Given every YAML file under k8s/
        List<Path> files = yamlFiles();

        // When each is parsed, Then each holds at least one mapping document
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            Manifests parsed = Manifests.parse(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(parsed.objects()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void shouldReferOnlyToExistingFilesWhenKustomizationsListThem() throws IOException {
        // Given every kustomization.yaml
        List<Path> kustomizations = yamlFiles().stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(6);
        for (Path kustomization : kustomizations) {
            JsonNode k = Manifests.parse(Files.readString(kustomization)).objects().get(0);
            // When its resources, components, patches and generator inputs are listed
            List<String> referenced = new ArrayList<>();
            k.path("resources").forEach(r -> referenced.add(r.asText()));
            k.path("components").forEach(r -> referenced.add(r.asText()));
            k.path("patches").forEach(p -> {
                if (p.has("path")) {
                    referenced.add(p.path("path").asText());
                }
            });
            k.path("configMapGenerator").forEach(g -> {
                g.path("envs").forEach(e -> referenced.add(e.asText()));
                g.path("files").forEach(f -> referenced.add(f.asText().replaceFirst("^[^=]*=", "")));
            });
            // Then each exists next to it
            for (String ref : referenced) {
                assertThat(kustomization.getParent().resolve(ref)).as(kustomization + " -> " + ref).exists();
            }
        }
    }

    @Test
    void shouldRenderAndValidateEveryObjectWhenOverlaysAreBuilt() {
        Kustomize.require();
        // Given every overlay, rendered by kustomize
        List<Path> overlays = Kustomize.overlays();
        assertThat(overlays).extracting(p -> p.getFileName().toString())
                .contains("single-server", "multi-node", "multi-node-routed");
        for (Path overlay : overlays) {
            Manifests rendered = Manifests.parse(Kustomize.render(overlay));

            // When every object is validated against the Kubernetes and Prometheus Operator schemas
            List<String> problems = new ArrayList<>();
            rendered.objects().forEach(o -> problems.addAll(schemas.validate(o)));

            // Then none has a problem, and the overlay has the objects a deployment needs
            assertThat(problems).as(overlay.toString()).isEmpty();
            assertThat(rendered.objects()).extracting(o -> o.path("kind").asText()).as(overlay.toString())
                    .contains("StatefulSet", "Service", "ConfigMap", "ServiceMonitor", "PodDisruptionBudget",
                            "NetworkPolicy");
        }
    }

    @Test
    void shouldRenderAndValidateEveryComponentWhenAddedToAnOverlay() throws IOException {
        Kustomize.require();
        // Given each optional component on top of the single-server overlay (a kustomization written under target/)
        try (Stream<Path> components = Files.list(RepoFiles.resolve("k8s/components"))) {
            for (Path component : components.sorted().toList()) {
                Path dir = RepoFiles.resolve("target/k8s-components/" + component.getFileName());
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("kustomization.yaml"), """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources:
                          - ../../../k8s/overlays/single-server
                        components:
                          - ../../../k8s/components/%s
                        """.formatted(component.getFileName()));

                // When rendered and validated
                Manifests rendered = Manifests.parse(Kustomize.render(dir));
                List<String> problems = new ArrayList<>();
                rendered.objects().forEach(o -> problems.addAll(schemas.validate(o)));

                // Then it renders into valid objects
                assertThat(problems).as(component.toString()).isEmpty();
            }
        }
    }

    @Test
    void shouldReportProblemsWhenAnObjectBreaksTheSchema() {
        Kustomize.require();
        // Given the rendered single-server StatefulSet and ServiceMonitor, each broken in one way
        Manifests rendered = Manifests.parse(Kustomize.render(RepoFiles.resolve("k8s/overlays/single-server")));
        ObjectNode unknownField = rendered.one("StatefulSet", "ascend-gateway").deepCopy();
        ((ObjectNode) unknownField.at("/spec/template/spec/containers/0")).put("npus", 8);
        ObjectNode wrongType = rendered.one("StatefulSet", "ascend-gateway").deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "three");
        ObjectNode missingRequired = rendered.one("StatefulSet", "ascend-gateway").deepCopy();
        ((ObjectNode) missingRequired.path("spec")).remove("selector");
        ObjectNode badMonitor = rendered.one("ServiceMonitor", "ascend-gateway").deepCopy();
        ((ObjectNode) ((ArrayNode) badMonitor.at("/spec/endpoints")).get(0)).put("pathh", "/metrics");

        // When validated, Then each is rejected, while the int-or-string leniency does not hide real errors
        for (ObjectNode broken : List.of(unknownField, wrongType, missingRequired, badMonitor)) {
            assertThat(schemas.validate(broken)).isNotEmpty();
        }
        assertThat(schemas.validate(rendered.one("PodDisruptionBudget", "ascend-gateway"))).isEmpty();
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(RepoFiles.resolve("k8s"))) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }
}
