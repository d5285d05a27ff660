package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.RecordingUpstream;

/** Configured upstreams ({@code gateway.upstreams}) on a packaged gateway. */
class UpstreamsIT {

    @TempDir
    Path dir;

    @Test
    void shouldTakeABaseUrlEndingInV1AndSayOnceThatAnUnreachableUpstreamIsNotReady() throws Exception {
        // Given an upstream written as OpenAI clients write base URLs (with /v1), and one nothing listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (RecordingUpstream upstream = new RecordingUpstream();
                GatewayProcess gw = GatewayProcess.builder(dir)
                        .property("gateway.upstreams", upstream.baseUrl() + "/v1,http://127.0.0.1:" + closedPort)
                        .property("gateway.supervision.health-interval", "200ms")
                        .start().awaitReady(Duration.ofSeconds(60))) {
            // When a request is sent and several health checks of the dead upstream fail
            assertThat(Http.postJson(gw.baseUrl() + "/v1/completions", "{\"model\":\"" + RecordingUpstream.MODEL
                    + "\",\"prompt\":\"x\"}").statusCode()).isEqualTo(200);
            String log = gw.awaitLog("upstream upstream-1 \\(http://127.0.0.1:" + closedPort + "\\) not ready yet: ",
                    Duration.ofSeconds(10));
            Thread.sleep(1000);

            // Then the first reached the server at /v1/completions (not /v1/v1/...), and the second was reported once
            assertThat(upstream.received()).singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/v1/completions"));
            assertThat(Pattern.compile("upstream-1 .* not ready yet").matcher(gw.output()).results().count())
                    .as(log).isEqualTo(1);
            assertThat(gw.output()).contains("upstream upstream-0 (" + upstream.baseUrl() + ") ready");
            // and its vLLM version was asked for at the server's root, not under the /v1 of the base URL (after the
            // ready line, so it is awaited)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(new AdminClient(gw).require("upstream-0").getString("version"))
                            .isEqualTo(RecordingUpstream.VERSION));
        }
    }

    @Test
    void shouldAskTheVersionAgainWhenTheFirstQuestionTimesOut() throws Exception {
        // Given an upstream that leaves its first two /version requests unanswered, and a short probe timeout
        try (RecordingUpstream upstream = new RecordingUpstream().leaveVersionRequestsUnanswered(2);
                GatewayProcess gw = GatewayProcess.builder(dir)
                        .property("gateway.upstreams", upstream.baseUrl())
                        .property("gateway.supervision.health-interval", "200ms")
                        .property("gateway.supervision.health-timeout", "300ms")
                        .start().awaitReady(Duration.ofSeconds(60))) {
            // When it has become ready, then its version is known after all (asked a third time)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(new AdminClient(gw).require("upstream-0").getString("version"))
                            .isEqualTo(RecordingUpstream.VERSION));
        }
    }
}
