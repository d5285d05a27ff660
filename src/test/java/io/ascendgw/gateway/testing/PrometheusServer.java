package io.ascendgw.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Prometheus server (the {@code prometheus} binary, Debian package {@code prometheus}) scraping one target
 * every second, on a free loopback port with its own data directory. {@link #close()} stops it.
 */
public final class PrometheusServer extends ManagedProcess {

    /** Set to {@code 1} where external tools are installed (CI): a missing binary then fails instead of skipping. */
    public static final String REQUIRE_ENV = "CI_REQUIRE_EXTERNAL";

    private final GatewayHttp http;

    private PrometheusServer(List<String> command, Path dir, int port) {
        super(command, dir, dir.resolve("prometheus.log"), Map.of());
        this.http = new GatewayHttp("http://127.0.0.1:" + port);
    }

    /** The binary on PATH (or {@code /usr/bin/prometheus}), if installed. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts Prometheus scraping {@code http://<target><metricsPath>} every second. */
    public static PrometheusServer start(Path binary, Path dir, String target, String metricsPath) {
        int port = FreePorts.next();
        try {
            Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: gateway
                        metrics_path: %s
                        static_configs:
                          - targets: ['%s']
                    """.formatted(metricsPath, target));
            return new PrometheusServer(List.of(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"), dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the HTTP API answers. */
    public PrometheusServer awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("prometheus exited:\n" + output());
            }
            try {
                if (http.get("/-/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            GatewayProcess.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready within " + timeout + ":\n" + output());
    }

    /** {@code GET /api/v1/query}: the result vector (empty when nothing matches). */
    public JsonNode query(String promQl) {
        JsonNode answer = GatewayHttp.json(http.get("/api/v1/query?query="
                + URLEncoder.encode(promQl, StandardCharsets.UTF_8)).body());
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalStateException("query " + promQl + " failed: " + answer);
        }
        return answer.path("data").path("result");
    }

    /** The value of a query that yields exactly one sample, or empty. */
    public Optional<Double> value(String promQl) {
        JsonNode result = query(promQl);
        return result.size() == 1 ? Optional.of(result.get(0).path("value").get(1).asDouble()) : Optional.empty();
    }

    /** {@code GET /api/v1/targets}: the active targets with their health and last error. */
    public JsonNode targets() {
        return GatewayHttp.json(http.get("/api/v1/targets").body()).path("data").path("activeTargets");
    }
}
