package io.ascendgw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.JarRun;

/** {@code java -jar quarkus-run.jar} with arguments that name no program, as a real process. */
class GatewayMainIT {

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheProgramsAndExitWhenAskedForHelp() throws Exception {
        // When the jar is run with --help
        JarRun run = JarRun.of(dir, "--help");

        // Then it lists its programs and ends without booting a gateway
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("usage: java").contains("sim [flags]", "bench [flags]");
        assertThat(run.stdout() + run.stderr()).doesNotContain("Installed features");
    }

    @Test
    void shouldRefuseAnUnknownProgramInsteadOfStartingTheGateway() throws Exception {
        // When the jar is run with an argument that is neither sim nor bench (a typo, a vLLM flag)
        JarRun run = JarRun.of(dir, "--port", "9000");

        // Then it names the argument, prints the usage and exits 2 without booting a gateway
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("unknown program '--port'").contains("usage: java");
        assertThat(run.stdout() + run.stderr()).doesNotContain("Installed features");
    }
}
