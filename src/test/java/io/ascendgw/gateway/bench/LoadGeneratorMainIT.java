package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/** Runs {@code java -jar quarkus-run.jar bench …} from the packaged application as a real process. */
class LoadGeneratorMainIT {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private Outcome bench(String... args) throws IOException, InterruptedException {
        Path appDir = Path.of(System.getProperty("gateway.app.dir", "target/quarkus-app"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", appDir.resolve("quarkus-run.jar").toString(), "bench"));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("bench finished").isTrue();
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void shouldRunFromPackagedJarWithoutBootingQuarkus() throws Exception {
        // Given
        Path resultFile = dir.resolve("result.json");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Behavior.ok(Duration.ofMillis(5),
                Duration.ofMillis(1)))) {
            // When
            Outcome outcome = bench("--base-url", server.baseUrl(), "--num-requests", "20", "--concurrency", "4",
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
        Outcome outcome = bench("--request-rate", "fast");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("--request-rate needs a number");
    }
}
