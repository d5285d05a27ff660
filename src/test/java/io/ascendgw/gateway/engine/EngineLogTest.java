package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLogTest {

    @TempDir
    Path dir;

    @Test
    void shouldRotateBySizeKeepingAFixedNumberOfFilesAndTheLastLinesInMemory() throws Exception {
        // Given a log of at most 100 bytes per file and 2 rotated files
        Path file = dir.resolve("e.log");
        EngineLog log = new EngineLog(file, 100, 2);
        // When 300 lines of 10 bytes are written
        for (int i = 0; i < 300; i++) {
            log.append(String.format("line %04d", i));
        }
        // Then no file exceeds the size, only two old files exist, and the tail holds the newest lines
        assertThat(Files.size(file)).isLessThanOrEqualTo(100);
        assertThat(dir.resolve("e.log.1")).exists();
        assertThat(dir.resolve("e.log.2")).exists();
        assertThat(dir.resolve("e.log.3")).doesNotExist();
        assertThat(Files.readString(file)).endsWith("line 0299\n");
        assertThat(log.recent()).hasSize(EngineLog.TAIL_LINES).last().isEqualTo("line 0299");
    }
}
