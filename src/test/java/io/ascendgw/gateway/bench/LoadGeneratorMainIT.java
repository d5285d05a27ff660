package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.JarRun;
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
}
