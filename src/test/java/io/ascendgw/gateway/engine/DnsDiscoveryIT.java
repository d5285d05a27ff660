package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.SimProcess;

/** A router gateway finds its upstreams by resolving a DNS name, as behind a Kubernetes headless Service. */
class DnsDiscoveryIT {

    @TempDir
    Path dir;

    @Test
    void shouldRouteToEveryAddressOfADiscoveredName() {
        // Given an engine listening on 127.0.0.1 and a gateway told only the name "localhost"
        try (SimProcess sim = SimProcess.start(dir, "dns-model", "--sim-zero-delay");
                GatewayProcess gateway = GatewayProcess.builder(dir.resolve("gw"))
                        .property("gateway.discovery.dns", "localhost:" + sim.port())
                        .property("gateway.discovery.interval", "1s")
                        .property("gateway.supervision.health-interval", "200ms").start()
                        .awaitReady(Duration.ofSeconds(60))) {
            // Then the address became an upstream and serves requests; no simulated engine was started
            AdminClient admin = new AdminClient(gateway);
            String id = "dns-localhost-127.0.0.1:" + sim.port();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.state(id).equals("ready"));
            assertThat(admin.require(id).getBoolean("managed")).isFalse();
            assertThat(admin.engines()).noneMatch(e -> e.getString("id").startsWith("embedded"));
            assertThat(Http.postJson(gateway.baseUrl() + "/v1/completions",
                    "{\"model\":\"dns-model\",\"prompt\":\"x\",\"max_tokens\":2}").statusCode()).isEqualTo(200);
            assertThat(gateway.output()).contains("discovery: upstream http://127.0.0.1:" + sim.port()
                    + " found through localhost");
        }
    }
}
