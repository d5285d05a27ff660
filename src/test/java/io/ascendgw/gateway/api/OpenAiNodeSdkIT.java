package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.ExternalTools;
import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * The official OpenAI SDK for Node against the packaged gateway with its embedded simulated engines: chat and
 * completions, streamed (with and without usage) and not, model listing and typed errors
 * ({@code src/test/node/sdk-e2e.mjs}).
 */
class OpenAiNodeSdkIT {

    private static final Path SDK_DIR = Path.of("src/test/node").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void shouldPassEveryOfficialSdkCheck() throws Exception {
        Path node = ExternalTools.require("node", "apt-get install nodejs npm");
        ExternalTools.requireThat(Files.isDirectory(SDK_DIR.resolve("node_modules/openai")),
                "the OpenAI SDK is not installed (npm ci --prefix src/test/node)");
        try (GatewayProcess gateway = GatewayProcess.builder(dir).start().awaitReady(Duration.ofSeconds(90))) {
            awaitBothEngines(gateway);
            Process sdk = new ProcessBuilder(node.toString(), "sdk-e2e.mjs", gateway.baseUrl(), "qwen2.5-3b-instruct")
                    .directory(SDK_DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(sdk.getInputStream().readAllBytes());
            assertThat(sdk.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(sdk.exitValue()).as(output).isZero();
            assertThat(output).contains("7/7 passed");
        }
    }

    private static void awaitBothEngines(GatewayProcess gateway) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> new io.ascendgw.gateway.testing
                .AdminClient(gateway).engines().stream().allMatch(e -> "ready".equals(e.getString("state"))));
    }
}
