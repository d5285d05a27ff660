package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

class LoadGeneratorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LoadGeneratorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTableAndWriteJsonWhenRunSucceedsWithSomeErrors(@TempDir Path dir) throws IOException {
        // Given a server that streams 4 chunks and fails every fourth request with HTTP 500
        FakeOpenAiServer.Behavior behavior = FakeOpenAiServer.Behavior.ok(Duration.ofMillis(10), Duration.ofMillis(2))
                .withModes(n -> n % 4 == 3 ? FakeOpenAiServer.Mode.HTTP_500 : FakeOpenAiServer.Mode.OK);
        Path resultFile = dir.resolve("result.json");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(behavior)) {
            // When
            int code = run("--base-url", server.baseUrl(), "--num-requests", "16", "--concurrency", "4",
                    "--output-len", "4", "--input-len", "32", "--percentiles", "50,99.9", "--label", "fake",
                    "--result-file", resultFile.toString());

            // Then the run counts as done although requests failed
            assertThat(code).isZero();
        }
        // And the table has benchmark_serving's sections and our numbers
        assertThat(stdout()).contains("============ Serving Benchmark Result ============",
                "---------------Time to First Token----------------",
                "-----Time per Output Token (excl. 1st token)------",
                "---------------Inter-token Latency----------------",
                "----------------End-to-end Latency----------------",
                "Mean TTFT (ms):", "Median TTFT (ms):", "P90 TTFT (ms):", "P99 TTFT (ms):", "P99.9 ITL (ms):",
                "Streamed chunks/s:", "Output token throughput (tok/s):", "Benchmark duration (s):");
        assertThat(stdout()).containsPattern("Successful requests:\\s+12\\s")
                .containsPattern("Failed requests:\\s+4\\s").containsPattern("http_500:\\s+4\\s")
                .containsPattern("Total generated tokens:\\s+48\\s");
        // And the JSON file holds the same numbers with vLLM's key names
        JsonObject json = new JsonObject(Files.readString(resultFile));
        assertThat(json.getLong("completed")).isEqualTo(12);
        assertThat(json.getLong("failed")).isEqualTo(4);
        assertThat(json.getJsonObject("errors").getLong("http_500")).isEqualTo(4);
        assertThat(json.getLong("total_output_tokens")).isEqualTo(48);
        assertThat(json.getLong("total_chunks")).isEqualTo(48);
        assertThat(json.getString("model_id")).isEqualTo(FakeOpenAiServer.MODEL);
        assertThat(json.getString("label")).isEqualTo("fake");
        assertThat(json.getInteger("max_concurrency")).isEqualTo(4);
        assertThat(json.getDouble("mean_ttft_ms")).isGreaterThanOrEqualTo(10.0);
        assertThat(json.getDouble("p99.9_itl_ms")).isNotNull();
        assertThat(json.getDouble("request_throughput"))
                .isCloseTo(12 / json.getDouble("duration"), org.assertj.core.data.Offset.offset(1e-6));
        // And progress/diagnostics went to stderr, not into the table
        assertThat(stderr()).contains("first http_500: HTTP 500").doesNotContain("Serving Benchmark Result");
    }

    @Test
    void shouldExitTwoWithMessageWhenFlagsAreBad() {
        int code = run("--concurrency", "zero");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--concurrency needs a number", "--help");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void shouldPrintUsageAndExitZeroWhenHelpAsked() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(stdout()).contains("Usage:", "--request-rate", "--result-file");
    }

    @Test
    void shouldExitOneWhenModelCannotBeResolved() throws IOException {
        // Given nothing listens on the port and no --model is given
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int code = run("--base-url", "http://127.0.0.1:" + port, "--num-requests", "1");

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("cannot list models", "--model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy-overhead", "routing", "fairness", "chaos", "soak"})
    void shouldPrintTheUsageAndStartNothingWhenABenchmarkIsAskedForHelp(String benchmark) {
        // When a benchmark subcommand is run with --help
        int code = run(benchmark, "--help");

        // Then it prints its usage to stdout and exits 0 without starting anything
        assertThat(code).isZero();
        assertThat(stdout()).startsWith("usage: bench " + benchmark + " [--");
        assertThat(stderr()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proxy-overhead --fast              | unknown flag --fast",
        "proxy-overhead --rounds            | --rounds needs a value",
        "proxy-overhead --concurrency many  | --concurrency must be an integer >= 1, got 'many'",
        "routing --prefix-rates 12,0        | --prefix-rates must be a number > 0, got '0'",
        "fairness --interactive-rate 0      | --interactive-rate must be a number > 0, got '0'",
        "chaos --engines 2                  | --engines must be an integer >= 4, got '2'",
        "chaos --bogus 3                    | unknown flag --bogus",
        "soak --rate NaN                    | --rate must be a number > 0, got 'NaN'",
        "soak --interval-seconds 5 --minutes | --minutes needs a value"})
    void shouldExitWith2NamingTheFlagWhenABenchmarkGetsABadFlag(String command, String problem) {
        // When a benchmark subcommand gets an unknown flag, a flag without its value or a value out of range
        String[] args = command.trim().split(" +");
        int code = run(args);

        // Then it exits 2 with the problem and its usage on stderr, and starts nothing
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).startsWith("bench " + args[0] + ": " + problem + "\n")
                .contains("usage: bench " + args[0]);
        assertThat(stdout()).isEmpty();
    }
}
