package io.ascendgw.gateway.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.ascendgw.gateway.contract.RepoFiles;

/**
 * Renders kustomizations with the real kustomize: {@code kubectl kustomize} (kubectl bundles kustomize) or a
 * standalone {@code kustomize build}, whichever is on the PATH ({@code -Dkustomize.command=...} overrides). Without
 * either, tests that need a render are skipped on a developer machine and fail in CI ({@code CI=true}), where
 * {@code .ci/deploy-checks.sh} must have provided it.
 */
final class Kustomize {

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The command line that renders a directory, without the directory; empty when no tool is installed. */
    static Optional<List<String>> command() {
        String configured = System.getProperty("kustomize.command");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(List.of(configured.trim().split("\\s+")));
        }
        if (onPath("kubectl")) {
            return Optional.of(List.of("kubectl", "kustomize"));
        }
        if (onPath("kustomize")) {
            return Optional.of(List.of("kustomize", "build"));
        }
        return Optional.empty();
    }

    /** Skips the calling test when no kustomize is installed, except in CI, where that is a failure. */
    static void require() {
        if (command().isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but neither kubectl nor kustomize is on the PATH: run .ci/deploy-checks.sh");
        }
        assumeTrue(command().isPresent(), "kubectl/kustomize not installed: rendering skipped");
    }

    /** The rendered YAML of a kustomization directory (cached per JVM); throws with kustomize's message if it fails. */
    static String render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
    }

    /** The directories under {@code k8s/overlays}, each a deployable kustomization. */
    static List<Path> overlays() {
        try (var dirs = Files.list(RepoFiles.resolve("k8s/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(Path dir) {
        List<String> commandLine = new ArrayList<>(command().orElseThrow());
        commandLine.add(dir.toString());
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(commandLine).redirectOutput(output.toFile())
                        .redirectError(errors.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kustomize did not finish within 60 s for " + dir);
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kustomize failed for " + dir + ":\n"
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
