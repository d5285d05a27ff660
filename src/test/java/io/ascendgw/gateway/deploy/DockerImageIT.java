package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.contract.RepoFiles;
import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * After {@code package}: everything the Dockerfile copies exists, and its entrypoint script, pointed at the packaged
 * application, really starts the jar. (Building the image needs a Docker engine, which this machine lacks.)
 */
class DockerImageIT {

    @Test
    void shouldFindEveryCopySourceWhenTheApplicationIsPackaged() {
        // Given the Dockerfile's COPY instructions
        for (Dockerfile.Instruction copy : Dockerfile.load().all("COPY")) {
            List<String> operands = Dockerfile.copyOperands(copy);
            // Then every source exists in the build context (the repository root after mvnw package)
            for (String source : operands.subList(0, operands.size() - 1)) {
                assertThat(RepoFiles.resolve(source)).as(copy.toString()).exists();
            }
        }
    }

    @Test
    void shouldRunThePackagedJarWhenTheEntrypointStarts() throws Exception {
        // Given the entrypoint script and the packaged application in place of /opt/ascend-gateway
        Path app = GatewayProcess.appJar().getParent();
        Path output = Files.createTempFile("entrypoint", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", RepoFiles.resolve("src/main/docker/gateway-entrypoint.sh")
                    .toString(), "bench", "--help").redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("GATEWAY_HOME", app.toString());
            builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                    + System.getenv("PATH"));

            // When it runs the load generator's help
            Process process = builder.start();
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }

            // Then the jar ran: the sub-command printed its usage and exited 0
            assertThat(finished).isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            assertThat(printed).contains("Usage: java -jar quarkus-run.jar bench");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
