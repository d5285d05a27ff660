package io.ascendgw.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the packaged jar as a real process ({@code java -jar quarkus-run.jar ARGS}) that must end by itself. */
public record JarRun(int exitCode, String stdout, String stderr) {

    /** Runs it with stdin closed and output kept in {@code dir}; kills it and what it started if it outlives 90 s. */
    public static JarRun of(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(GatewayProcess.javaBin(), "-jar",
                GatewayProcess.appJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("java -jar quarkus-run.jar ended").isTrue();
            return new JarRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
