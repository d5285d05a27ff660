package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.JarRun;
import io.ascendgw.gateway.testing.SimProcess;
import io.vertx.core.json.JsonObject;

/** Runs {@code java -jar quarkus-run.jar bench …} from the packaged application as a real process. */
class LoadGeneratorMainIT {

    @TempDir
    Path dir;

    private JarRun bench(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        return JarRun.of(dir, command);
    }

    @Test
    void shouldRunFromPackagedJarWithoutBootingQuarkus() throws Exception {
        // Given
        Path resultFile = dir.resolve("result.json");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofMillis(5),
                Duration.ofMillis(1)))) {
            // When
            JarRun outcome = bench("--base-url", server.baseUrl(), "--num-requests", "20", "--concurrency", "4",
                    "--output-len", "3", "--input-len", "16", "--result-file", resultFile.toString());

            // Then
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(outcome.stdout()).contains("Serving Benchmark Result").containsPattern(
                    "Successful requests:\\s+20\\s");
            assertThat(outcome.stdout() + outcome.stderr()).doesNotContain("Installed features", "Quarkus");
            assertThat(new JsonObject(Files.readString(resultFile)).getLong("total_output_tokens")).isEqualTo(60);
            assertThat(server.received()).isEqualTo(20);
        }
    }

    @Test
    void shouldExitTwoOnBadFlagsFromPackagedJar() throws Exception {
        JarRun outcome = bench("--request-rate", "fast");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("--request-rate needs a number");
    }

    @Test
    void shouldReplayADatasetAgainstARealEngineWhenADatasetPathIsGiven() throws Exception {
        // Given an OpenAI batch file of two chats and one embedding request, and a simulated engine
        Path batch = Files.writeString(dir.resolve("batch.jsonl"), String.join("\n",
                "{\"custom_id\": \"a\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": "
                        + "{\"model\": \"theirs\", \"messages\": [{\"role\": \"user\", \"content\": "
                        + "\"Write a haiku about the sea.\"}], \"max_tokens\": 12, \"temperature\": 0.2}}",
                "{\"custom_id\": \"b\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": "
                        + "{\"model\": \"theirs\", \"messages\": [{\"role\": \"system\", \"content\": \"Answer in "
                        + "JSON.\"}, {\"role\": \"user\", \"content\": \"List three colours.\"}], \"max_tokens\": 20}}",
                "{\"custom_id\": \"c\", \"method\": \"POST\", \"url\": \"/v1/embeddings\", \"body\": "
                        + "{\"model\": \"theirs\", \"input\": \"sea\"}}"));
        Path resultFile = dir.resolve("result.json");
        try (SimProcess sim = SimProcess.start(dir, "Qwen/Qwen2.5-3B-Instruct", "--sim-zero-delay")) {
            // When five requests replay it
            JarRun outcome = bench("--base-url", sim.baseUrl() + "/v1", "--dataset-path", batch.toString(),
                    "--num-requests", "5", "--concurrency", "2", "--result-file", resultFile.toString());

            // Then the engine answered all of them at the recorded lengths: a, b, then a, b, a or b, a, b, a
            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(outcome.stderr()).contains("dataset(batch.jsonl (jsonl): 2 of 3 records (skipped: 1 for "
                    + "other endpoints than completions))");
            JsonObject result = new JsonObject(Files.readString(resultFile));
            assertThat(result.getInteger("completed")).isEqualTo(5);
            assertThat(result.getLong("total_output_tokens")).isIn(3 * 12L + 2 * 20, 2 * 12L + 3 * 20);
            assertThat(result.getString("workload")).startsWith("dataset(batch.jsonl");
        }
    }
}
