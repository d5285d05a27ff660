package io.ascendgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.testing.GatewayProcess;

/** A packaged gateway given a configuration it cannot run with: one line naming the key, no stack trace, exit 1. */
class RefusedConfigurationIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gateway.routing.policy      | fastest | gateway.routing.policy must be round-robin, least-request or default, got 'fastest'",
        "gateway.embedded.replicas   | -1      | gateway.embedded.replicas must not be negative, got -1",
        "gateway.routing.weights.prefix | -1    | gateway.routing.weights.prefix (or a pool's override of it) must be >= 0, got -1.0",
        "gateway.upstreams           | https://127.0.0.1:8443 | gateway.upstreams entry 'https://127.0.0.1:8443' must be a URL like http://host:8000",
        "gateway.upstreams           | http://127.0.0.1:8000/v1/chat/completions | gateway.upstreams entry 'http://127.0.0.1:8000/v1/chat/completions' has a path",
        "gateway.security.keys-file  | KEYS    | keys.txt line 2: a limit must be a whole number >= 0 or '-', got 'ten'",
        "gateway.embedded.args       | --port=9000 | gateway.embedded.args sets --port, which the gateway sets for each engine itself",
        "gateway.security.media-urls | listed  | gateway.security.media-urls must be any, data-only or listed-hosts, got 'listed'"})
    void shouldRefuseToStartWithOneLineNamingTheKey(String key, String value, String message) throws Exception {
        // Given a keys file whose second line has a limit that is not a number
        Path keys = Files.writeString(dir.resolve("keys.txt"), "# name sha256 rpm tpm concurrent\n"
                + "team " + "ab".repeat(32) + " ten - -\n");
        // When the gateway is started with the key set to a value it cannot use
        try (GatewayProcess gw = GatewayProcess.builder(dir.resolve("gw"))
                .property(key, value.equals("KEYS") ? keys.toString() : value).start()) {
            // Then it exits with the problem on one line and no stack trace
            assertThat(gw.process().waitFor(60, TimeUnit.SECONDS)).as("gateway exited").isTrue();
            assertThat(gw.process().exitValue()).isEqualTo(1);
            assertThat(gw.output()).contains(message).doesNotContain("\tat ", "Exception");
        }
    }

    @Test
    void shouldRefuseWithOneLineAndLaunchNoEngineWhenItsPortIsTaken() throws Exception {
        // Given something already listening where the gateway is told to listen
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                GatewayProcess gw = GatewayProcess.builder(dir.resolve("taken"))
                        .property("quarkus.http.port", Integer.toString(taken.getLocalPort())).start()) {
            // Then the gateway exits naming the port and the key, before any engine took an NPU
            assertThat(gw.process().waitFor(60, TimeUnit.SECONDS)).as("gateway exited").isTrue();
            assertThat(gw.process().exitValue()).isEqualTo(1);
            assertThat(gw.output()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("quarkus.http.port").doesNotContain("\tat ", "Exception", "engine embedded-0 started");
        }
    }
}
