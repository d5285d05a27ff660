package io.ascendgw.gateway.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads test fixtures from the test classpath ({@code src/test/resources}). */
public final class TestFixtures {

    private TestFixtures() {
    }

    /** The UTF-8 text of a classpath resource such as {@code fixtures/vllm/metrics-v1.txt}. */
    public static String read(String resource) {
        try (InputStream in = TestFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file-system path of a classpath resource (tests run from {@code target/test-classes}). */
    public static Path path(String resource) {
        try {
            var url = TestFixtures.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
