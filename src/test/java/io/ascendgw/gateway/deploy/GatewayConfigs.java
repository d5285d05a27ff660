package io.ascendgw.gateway.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.PoolPlanner;
import io.ascendgw.gateway.engine.PoolSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

/**
 * The gateway configuration a rendered overlay gives a pod, read as the gateway reads it: the ConfigMap's
 * application.yaml (config/ in the working directory) with ${...} taken from the params ConfigMap (the environment),
 * through the real {@link GatewayConfig} mapping, which rejects unknown {@code gateway.*} keys.
 */
final class GatewayConfigs {

    private GatewayConfigs() {
    }

    static GatewayConfig read(String applicationYaml, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // ${...} expansion, as in the running gateway
                .withMapping(GatewayConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new YamlConfigSource("config/application.yaml", applicationYaml, 265))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    /** The pools the engine pod's gateway would start, planned on {@code npus} NPUs (0..npus-1). */
    static List<PoolSettings> plan(Manifests rendered, int npus) {
        GatewayConfig config = read(rendered.configData("ascend-gateway-config").get("application.yaml"),
                rendered.configData("ascend-gateway-params"));
        return PoolPlanner.plan(config, Optional.of(IntStream.range(0, npus).boxed().toList()));
    }

    /** The router's gateway configuration (multi-node-routed overlay). */
    static GatewayConfig router(Manifests rendered) {
        return read(rendered.configData("ascend-gateway-router-config").get("application.yaml"), Map.of());
    }
}
