package io.ascendgw.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Real third-party components some tests use (node with the OpenAI SDK, Prometheus, nginx). `.ci/run` installs them
 * and sets {@code CI_REQUIRE_EXTERNAL=1}, which turns a missing tool into a failure; elsewhere the test is skipped
 * with a message saying what to install.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The executable on PATH, or the test is skipped (or failed, in CI). */
    public static Path require(String program, String howToInstall) {
        Optional<Path> found = onPath(program);
        return found.orElseGet(() -> missing(program + " is not installed (" + howToInstall + ")"));
    }

    /** A condition the test needs, or it is skipped (or failed, in CI). */
    public static void requireThat(boolean present, String what) {
        if (!present) {
            missing(what);
        }
    }

    public static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static <T> T missing(String message) {
        if ("1".equals(System.getenv("CI_REQUIRE_EXTERNAL"))) {
            throw new AssertionError(message + "; CI_REQUIRE_EXTERNAL=1 requires it");
        }
        Assumptions.abort(message);
        return null;
    }
}
