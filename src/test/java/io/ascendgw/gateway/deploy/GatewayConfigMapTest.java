package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.contract.RepoFiles;
import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.engine.PoolPlanner;
import io.ascendgw.gateway.engine.PoolSettings;

/** The overlays' gateway configuration, read through the gateway's own configuration mapping and pool planner. */
class GatewayConfigMapTest {

    @BeforeEach
    void needsKustomize() {
        Kustomize.require();
    }

    @Test
    void shouldServeTheModelFromParamsWhenTheConfigMapIsRead() {
        for (Path overlay : Kustomize.overlays()) {
            // Given an overlay's rendered ConfigMaps
            Manifests rendered = Manifests.parse(Kustomize.render(overlay));
            Map<String, String> params = rendered.configData("ascend-gateway-params");

            // When the gateway plans its pools on the NPUs the pod requests
            List<PoolSettings> pools = GatewayConfigs.plan(rendered, Integer.parseInt(params.get("NPU_COUNT")));

            // Then one pool serves the params' model under its served name, with the params' engines and TP size
            assertThat(pools).as(overlay.toString()).hasSize(1);
            PoolSettings pool = pools.get(0);
            assertThat(pool.model()).isEqualTo(params.get("MODEL"));
            assertThat(pool.servedModels()).containsExactly(params.get("SERVED_MODEL_NAME").split(","));
            assertThat(pool.replicas()).isEqualTo(Integer.parseInt(params.get("ENGINES")));
            assertThat(pool.npusPerReplica()).isEqualTo(Integer.parseInt(params.get("NPUS_PER_ENGINE")));
            assertThat(pool.args()).containsExactly(params.get("ENGINE_ARGS").split(","));
            assertThat(pool.command()).containsSubsequence("-m", "vllm.entrypoints.openai.api_server");
            // and no API keys until the params name a keys file
            assertThat(GatewayConfigs.read(rendered.configData("ascend-gateway-config").get("application.yaml"),
                    params).security().keysFile()).isEmpty();
        }
    }

    @Test
    void shouldRefuseWhenParamsAskForMoreNpusThanThePodGets() {
        // Given the single-server ConfigMaps with twice the engines the requested NPUs allow
        Manifests rendered = Manifests.parse(Kustomize.render(RepoFiles.resolve("k8s/overlays/single-server")));
        Map<String, String> params = new HashMap<>(rendered.configData("ascend-gateway-params"));
        int npus = Integer.parseInt(params.get("NPU_COUNT"));
        params.put("ENGINES", Integer.toString(2 * npus / Integer.parseInt(params.get("NPUS_PER_ENGINE"))));
        GatewayConfig config = GatewayConfigs.read(rendered.configData("ascend-gateway-config").get("application.yaml"),
                params);

        // When planned on the pod's NPUs, Then the gateway refuses, naming the pool
        assertThatThrownBy(() -> PoolPlanner.plan(config, java.util.Optional.of(
                java.util.stream.IntStream.range(0, npus).boxed().toList())))
                .isInstanceOf(GatewayConfigException.class).hasMessageContaining("gateway.pools.main");
    }

    @Test
    void shouldRejectUnknownKeysWhenTheConfigMapHasATypo() {
        // Given the single-server gateway configuration with one key misspelt
        Manifests rendered = Manifests.parse(Kustomize.render(RepoFiles.resolve("k8s/overlays/single-server")));
        String typo = rendered.configData("ascend-gateway-config").get("application.yaml")
                .replace("npus-per-replica:", "npus-per-replicas:");

        // When read through the mapping, Then it is refused
        assertThatThrownBy(() -> GatewayConfigs.read(typo, rendered.configData("ascend-gateway-params")))
                .hasMessageContaining("npus-per-replicas");
    }
}
