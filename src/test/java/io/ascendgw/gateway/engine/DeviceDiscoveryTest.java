package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.metrics.GatewayMetrics;
import io.ascendgw.gateway.metrics.NpuMonitor;
import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.TestConfig;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/** Host NPUs as the (fake) npu-smi lists them, through the real monitor and probe. */
class DeviceDiscoveryTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void shouldListTheNpuIdsWhenNpuSmiPrintsAn8NpuTable() {
        assertThat(discovery(FakeNpuSmi.path()).hostDevices()).contains(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7));
    }

    @Test
    void shouldListCardIdsOnceWhenA310pDuoCardHasTwoChips() throws IOException {
        assertThat(discovery(fakePrinting("info-310p.txt")).hostDevices()).contains(java.util.List.of(1, 8));
    }

    @Test
    void shouldAnswerUnknownWhenNpuSmiIsAbsentOrFails() throws IOException {
        assertThat(discovery(dir.resolve("missing/npu-smi").toString()).hostDevices()).isEmpty();
        assertThat(discovery(fakePrinting("info-error-8020.txt")).hostDevices()).isEmpty();
    }

    private DeviceDiscovery discovery(String smiPath) {
        NpuMonitor monitor = new NpuMonitor(TestConfig.of("gateway.npu.smi-path", smiPath), new EngineRegistry(),
            vertx, new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        return new DeviceDiscovery(monitor);
    }

    /** A wrapper that makes the fake npu-smi print {@code fixture} for {@code npu-smi info}. */
    private String fakePrinting(String fixture) throws IOException {
        Path wrapper = dir.resolve("npu-smi-" + fixture);
        Files.writeString(wrapper, "#!/bin/sh\nFAKE_NPU_SMI_INFO=" + fixture + " exec " + FakeNpuSmi.path()
            + " \"$@\"\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        return wrapper.toString();
    }
}
