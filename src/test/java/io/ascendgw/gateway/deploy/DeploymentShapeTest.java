package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.contract.OpenApiSchemas;
import io.ascendgw.gateway.contract.RepoFiles;
import io.ascendgw.gateway.engine.PoolSettings;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * What the rendered overlays mean for the gateway: NPUs requested match the engines configured, probes hit the
 * gateway's documented health endpoints on its port, the Ascend host paths are mounted, and every selector selects.
 */
class DeploymentShapeTest {

    private static final String NPU = "huawei.com/Ascend910";
    private static final List<String> ASCEND_HOST_PATHS = List.of("/usr/local/Ascend/driver/lib64",
            "/usr/local/Ascend/driver/version.info", "/etc/ascend_install.info", "/usr/local/dcmi",
            "/usr/local/bin/npu-smi");

    private static OpenAPI contract;

    @BeforeAll
    static void loadContract() {
        contract = OpenApiSchemas.load().api();
    }

    @BeforeEach
    void needsKustomize() {
        Kustomize.require();
    }

    @Test
    void shouldRequestAsManyNpusAsTheEnginesUseWhenRendered() {
        for (Path overlay : Kustomize.overlays()) {
            // Given an overlay's StatefulSet and its params, as rendered
            Manifests rendered = render(overlay);
            Map<String, String> params = rendered.configData("ascend-gateway-params");
            JsonNode resources = Manifests.container(rendered.one("StatefulSet", "ascend-gateway"), "gateway")
                    .path("resources");

            // When the NPU request is read, and the gateway plans its pools on that many NPUs
            String requested = resources.path("requests").path(NPU).asText();
            List<PoolSettings> pools = GatewayConfigs.plan(rendered, Integer.parseInt(requested));

            // Then request, limit and NPU_COUNT agree, and the engines use exactly those NPUs
            assertThat(requested).as(overlay.toString()).isEqualTo(params.get("NPU_COUNT"))
                    .isEqualTo(resources.path("limits").path(NPU).asText());
            assertThat(pools.stream().mapToInt(p -> p.replicas() * p.npusPerReplica()).sum()).as(overlay.toString())
                    .isEqualTo(Integer.parseInt(requested));
        }
    }

    @Test
    void shouldProbeDocumentedHealthEndpointsOnTheGatewayPortWhenRendered() {
        int gatewayPort = quarkusHttpPort();
        for (Path overlay : Kustomize.overlays()) {
            Manifests rendered = render(overlay);
            for (ObjectNode workload : rendered.workloads()) {
                // Given each gateway container's probes
                JsonNode container = Manifests.container(workload, "gateway");
                String what = overlay.getFileName() + "/" + workload.path("metadata").path("name").asText();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");

                    // Then each is an HTTP GET of a documented health endpoint answering 200, on port 8000
                    String path = get.path("path").asText();
                    assertThat(path).as(what + " " + probe).startsWith("/q/health");
                    assertThat(contract.getPaths().get(path).getGet().getResponses()).as(what + " " + probe)
                            .containsKey("200");
                    assertThat(containerPort(container, get.path("port"))).as(what + " " + probe)
                            .isEqualTo(gatewayPort);
                }
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
                assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            }
        }
    }

    @Test
    void shouldAllowModelLoadingBeforeLivenessWhenEnginesStart() {
        for (Path overlay : Kustomize.overlays()) {
            // Given the engine StatefulSet's startup probe and the pool's startup timeout
            Manifests rendered = render(overlay);
            JsonNode probe = Manifests.container(rendered.one("StatefulSet", "ascend-gateway"), "gateway")
                    .path("startupProbe");
            Duration budget = Duration.ofSeconds(probe.path("initialDelaySeconds").asLong(0)
                    + probe.path("periodSeconds").asLong(10) * probe.path("failureThreshold").asLong(3));
            Duration engineStartup = GatewayConfigs.plan(rendered, 8).get(0).startupTimeout();

            // Then the pod waits for the engines to become ready, at least as long as an engine may take to load
            assertThat(probe.at("/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(budget).as(overlay.toString()).isGreaterThanOrEqualTo(engineStartup)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void shouldMountAscendHostPathsWhenEnginesRunInThePod() {
        for (Path overlay : Kustomize.overlays()) {
            // Given the engine pod
            JsonNode sts = render(overlay).one("StatefulSet", "ascend-gateway");
            JsonNode spec = sts.path("spec").path("template").path("spec");
            JsonNode container = Manifests.container(sts, "gateway");
            Map<String, String> mountByVolume = new java.util.HashMap<>();
            container.path("volumeMounts").forEach(m -> mountByVolume.put(m.path("name").asText(),
                    m.path("mountPath").asText()));
            List<String> hostPathsMountedInPlace = new ArrayList<>();
            List<String> memoryShm = new ArrayList<>();
            spec.path("volumes").forEach(v -> {
                String mountPath = mountByVolume.get(v.path("name").asText());
                if (v.has("hostPath") && v.at("/hostPath/path").asText().equals(mountPath)) {
                    hostPathsMountedInPlace.add(mountPath);
                }
                if ("Memory".equals(v.at("/emptyDir/medium").asText()) && "/dev/shm".equals(mountPath)) {
                    memoryShm.add(mountPath);
                }
            });

            // Then the driver files are mounted at their host paths, shm is in memory, models have a volume
            assertThat(hostPathsMountedInPlace).as(overlay.toString()).containsAll(ASCEND_HOST_PATHS);
            assertThat(memoryShm).as(overlay.toString()).hasSize(1);
            assertThat(sts.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("model-cache");
            assertThat(mountByVolume).containsKey("model-cache");
            assertThat(spec.at("/nodeSelector/accelerator").asText()).isEqualTo("huawei-Ascend910");
        }
    }

    @Test
    void shouldSelectTheGatewayPodsWhenServicesMonitorsBudgetsAndPoliciesAreRendered() {
        for (Path overlay : Kustomize.overlays()) {
            Manifests rendered = render(overlay);
            String where = overlay.getFileName().toString();
            List<JsonNode> pods = rendered.workloads().stream().map(Manifests::podLabels).toList();

            // Every Service selects the pods of some workload, on a port those pods name
            for (ObjectNode service : rendered.ofKind("Service")) {
                JsonNode selector = service.at("/spec/selector");
                assertThat(pods.stream().anyMatch(p -> Manifests.selects(selector, p)))
                        .as(where + " Service " + service.at("/metadata/name").asText()).isTrue();
                service.at("/spec/ports").forEach(port -> assertThat(port.path("targetPort").asText()).isEqualTo("http"));
            }
            // Every ServiceMonitor selects a Service, scraping a port it has at the documented /metrics
            for (ObjectNode monitor : rendered.ofKind("ServiceMonitor")) {
                List<ObjectNode> scraped = rendered.ofKind("Service").stream()
                        .filter(s -> Manifests.selects(monitor.at("/spec/selector/matchLabels"), s.at("/metadata/labels")))
                        .toList();
                assertThat(scraped).as(where + " ServiceMonitor " + monitor.at("/metadata/name").asText()).hasSize(1);
                JsonNode endpoint = monitor.at("/spec/endpoints/0");
                assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
                assertThat(contract.getPaths().get("/metrics").getGet()).isNotNull();
                assertThat(scraped.get(0).at("/spec/ports/0/name").asText()).isEqualTo(endpoint.path("port").asText());
            }
            // Every PodDisruptionBudget selects a workload's pods
            for (ObjectNode budget : rendered.ofKind("PodDisruptionBudget")) {
                assertThat(pods.stream().anyMatch(p -> Manifests.selects(budget.at("/spec/selector/matchLabels"), p)))
                        .as(where + " PDB " + budget.at("/metadata/name").asText()).isTrue();
            }
            // The NetworkPolicy covers every gateway pod and lets in TCP 8000 only
            ObjectNode policy = rendered.one("NetworkPolicy", "ascend-gateway");
            assertThat(pods).allMatch(p -> Manifests.selects(policy.at("/spec/podSelector/matchLabels"), p));
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress");
            List<String> open = new ArrayList<>();
            policy.at("/spec/ingress").forEach(rule -> rule.path("ports")
                    .forEach(p -> open.add(p.path("protocol").asText() + "/" + p.path("port").asText())));
            assertThat(open).as(where).containsExactly("TCP/" + quarkusHttpPort());
            policy.at("/spec/ingress").forEach(rule -> assertThat(rule.has("ports")).isTrue());
        }
    }

    @Test
    void shouldDiscoverEveryServerThroughTheHeadlessServiceWhenARouterIsInFront() {
        // Given the routed overlay: per-server gateways (StatefulSet) and a router (Deployment)
        Manifests rendered = render(RepoFiles.resolve("k8s/overlays/multi-node-routed"));
        ObjectNode nodes = rendered.one("StatefulSet", "ascend-gateway");
        ObjectNode headless = rendered.one("Service", nodes.at("/spec/serviceName").asText());
        ObjectNode router = rendered.one("Deployment", "ascend-gateway-router");

        // When the router's configuration is read through the gateway's own configuration mapping
        GatewayConfig routerConfig = GatewayConfigs.router(rendered);

        // Then it lists no server by hand and resolves the headless Service on the gateway port, so every server
        // pod (one address each) becomes an upstream whatever the replica count
        assertThat(nodes.at("/spec/replicas").asInt()).isGreaterThan(1);
        assertThat(routerConfig.upstreams().orElse(List.of())).isEmpty();
        assertThat(routerConfig.pools()).isEmpty();
        assertThat(routerConfig.discovery().dns().orElse(List.of()))
                .containsExactly(headless.at("/metadata/name").asText() + ":" + quarkusHttpPort());
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(Manifests.selects(headless.at("/spec/selector"), Manifests.podLabels(nodes))).isTrue();
        // and clients reach the router, not the servers directly
        JsonNode front = rendered.one("Service", "ascend-gateway").at("/spec/selector");
        assertThat(Manifests.selects(front, Manifests.podLabels(router))).isTrue();
        assertThat(Manifests.selects(front, Manifests.podLabels(nodes))).isFalse();
    }

    @Test
    void shouldCheckApiKeysFromTheMountedSecretWhereClientsArriveAndNowhereBehindIt() {
        for (Path overlay : Kustomize.overlays()) {
            // Given an overlay whose params ask for API keys, as README says
            Manifests rendered = render(overlay);
            Map<String, String> params = new HashMap<>(rendered.configData("ascend-gateway-params"));
            assertThat(params).as(overlay.toString()).containsEntry("API_KEYS_FILE", "");
            params.put("API_KEYS_FILE", KEYS_FILE);
            JsonNode front = rendered.one("Service", "ascend-gateway").at("/spec/selector");
            for (ObjectNode workload : rendered.workloads()) {
                // When each gateway's configuration is read with the environment its container gets
                JsonNode container = Manifests.container(workload, "gateway");
                GatewayConfig config = GatewayConfigs.read(rendered.configData(volume(workload, "config")
                        .at("/configMap/name").asText()).get("application.yaml"), environment(container, params));
                String where = overlay.getFileName() + " " + workload.at("/metadata/name").asText();
                // Then the gateway clients reach reads the keys from the optional Secret's mount; any behind it none
                if (Manifests.selects(front, Manifests.podLabels(workload))) {
                    assertThat(config.security().keysFile()).as(where).contains(Path.of(KEYS_FILE));
                    JsonNode secret = volume(workload, mountedAt(container, KEYS_FILE)).path("secret");
                    assertThat(secret.path("secretName").asText()).as(where).isEqualTo("ascend-gateway-api-keys");
                    assertThat(secret.path("optional").asBoolean()).as(where).isTrue();
                } else {
                    assertThat(config.security().keysFile()).as(where).isEmpty();
                }
            }
        }
    }

    private static final String KEYS_FILE = "/etc/ascend-gateway/keys/keys.txt";

    /** The container's environment: its envFrom params, then its own entries (values, or keys of the params). */
    private static Map<String, String> environment(JsonNode container, Map<String, String> params) {
        Map<String, String> env = new HashMap<>();
        if (container.path("envFrom").findValue("configMapRef") != null) {
            env.putAll(params);
        }
        for (JsonNode entry : container.path("env")) {
            if (entry.has("value")) {
                env.put(entry.path("name").asText(), entry.path("value").asText());
            } else if (entry.at("/valueFrom/configMapKeyRef").isObject()
                    && params.containsKey(entry.at("/valueFrom/configMapKeyRef/key").asText())) {
                env.put(entry.path("name").asText(), params.get(entry.at("/valueFrom/configMapKeyRef/key").asText()));
            }
        }
        return env;
    }

    /** The name of the volume mounted at the directory holding {@code file}. */
    private static String mountedAt(JsonNode container, String file) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (file.startsWith(mount.path("mountPath").asText() + "/")) {
                return mount.path("name").asText();
            }
        }
        throw new AssertionError("nothing mounted where " + file + " is");
    }

    private static JsonNode volume(JsonNode workload, String name) {
        for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Manifests render(Path overlay) {
        return Manifests.parse(Kustomize.render(overlay));
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    /** The port the gateway listens on, from its packaged configuration. */
    static int quarkusHttpPort() {
        JsonNode config = Manifests.parse(RepoFiles.read("src/main/resources/application.yaml")).objects().get(0);
        return config.at("/quarkus/http/port").asInt();
    }
}
