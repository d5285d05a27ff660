package io.ascendgw.gateway.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository itself (the spec, the manifests, the Dockerfile), found from the working directory. */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root: the nearest directory at or above the working directory that holds {@code pom.xml}. */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("openapi"))) {
                return d;
            }
        }
        throw new IllegalStateException("No repository root (pom.xml next to openapi/) at or above " + dir);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
