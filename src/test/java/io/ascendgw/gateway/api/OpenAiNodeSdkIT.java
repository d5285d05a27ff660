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
 * The official OpenAI SDK for Node against the packaged gateway with simulated engines of a chat model and of an
 * embedding model: chat and completions, streamed (with and without usage) and not, the Responses API (whole, as
 * typed events and through the SDK's stream helper), model listing, typed errors, and embeddings in the SDK's
 * default base64, decoded by the SDK as the Python SDK does too
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
        // Two simulated engines of the chat model, as the start command runs them (tool calling and runtime LoRA
        // adapters on), and one of an embedding model.
        try (GatewayProcess gateway = GatewayProcess.builder(dir)
                .simPool("chat", "Qwen/Qwen2.5-3B-Instruct", "--enable-auto-tool-choice", "--tool-call-parser",
                        "hermes", "--enable-lora")
                .property("gateway.pools.chat.env.VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True")
                .property("gateway.pools.chat.served-model-name", "qwen2.5-3b-instruct")
                .property("gateway.pools.chat.replicas", "2")
                .simPool("embed", "BAAI/bge-m3", "--runner", "pooling", "--sim-embedding-dim", "32")
                .property("gateway.pools.embed.served-model-name", "bge-m3")
                .start().awaitReady(Duration.ofSeconds(90))) {
            awaitEveryEngine(gateway);
            Process sdk = new ProcessBuilder(node.toString(), "sdk-e2e.mjs", gateway.baseUrl(), "qwen2.5-3b-instruct",
                    "bge-m3").directory(SDK_DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(sdk.getInputStream().readAllBytes());
            assertThat(sdk.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(sdk.exitValue()).as(output).isZero();
            assertThat(output).contains("13/13 passed");
        }
    }

    private static void awaitEveryEngine(GatewayProcess gateway) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> new io.ascendgw.gateway.testing
                .AdminClient(gateway).engines().stream().allMatch(e -> "ready".equals(e.getString("state"))));
    }
}
