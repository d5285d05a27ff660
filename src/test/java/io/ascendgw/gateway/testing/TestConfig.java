package io.ascendgw.gateway.testing;

import java.util.HashMap;
import java.util.Map;

import io.ascendgw.gateway.config.GatewayConfig;
import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the real {@link GatewayConfig} mapping from properties, without starting Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    /** @param keyValues alternating keys and values, e.g. {@code "gateway.pools.a.model", "m"} */
    public static GatewayConfig of(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
