package io.ascendgw.gateway.health;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;

/** Ready when every pool (and the upstream group, if any) has at least one engine taking traffic. */
@Readiness
@ApplicationScoped
public class EnginesReadinessCheck implements HealthCheck {

    @Inject
    EngineRegistry registry;

    @Override
    public HealthCheckResponse call() {
        Map<String, int[]> pools = new LinkedHashMap<>();
        for (Engine engine : registry.all()) {
            int[] counts = pools.computeIfAbsent(engine.pool(), p -> new int[2]);
            counts[1]++;
            if (engine.routable()) {
                counts[0]++;
            }
        }
        boolean up = !pools.isEmpty() && pools.values().stream().allMatch(c -> c[0] > 0);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engines").status(up);
        pools.forEach((pool, c) -> response.withData(pool, c[0] + "/" + c[1] + " ready"));
        return response.build();
    }
}
