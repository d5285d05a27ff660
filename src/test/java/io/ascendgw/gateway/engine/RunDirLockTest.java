package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.config.GatewayConfigException;

class RunDirLockTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetOneGatewayAtATimeHoldARunDirectory() throws IOException {
        // Given a gateway holding a run directory it created
        Path runDir = dir.resolve("gateway-run");
        RunDirLock held = RunDirLock.acquire(runDir);
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(Files.readString(runDir.resolve(RunDirLock.FILE)).trim()).isEqualTo(pid);

        // When another asks for it, and again after the first let go
        assertThatThrownBy(() -> RunDirLock.acquire(runDir)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("Another gateway (pid " + pid + ")")
                .hasMessageContaining(runDir.toAbsolutePath().toString())
                .hasMessageContaining("gateway.supervision.run-dir");
        held.close();

        // Then the directory is free again, and another directory was free all along
        try (RunDirLock again = RunDirLock.acquire(runDir); RunDirLock other = RunDirLock.acquire(dir.resolve("b"))) {
            assertThat(again).isNotNull();
            assertThat(other).isNotNull();
        }
    }
}
