package io.ascendgw.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as a real OS process: refused connections while loading, readiness, workers, signals, crash. */
class SimulatorProcessTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ProcessHandle> started = new ArrayList<>();

    @TempDir
    Path logs;

    @AfterEach
    void killEverything() {
        for (ProcessHandle p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            workersOf(p.pid()).forEach(w -> {
                w.descendants().forEach(ProcessHandle::destroyForcibly);
                w.destroyForcibly();
            });
        }
    }

    private Process launch(int port, String... flags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                SimulatorMain.class.getName(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--served-model-name", "m", "--sim-zero-delay"));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectOutput(logs.resolve("out.log").toFile())
                .redirectError(logs.resolve("err.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null"))).start();
        started.add(p.toHandle());
        return p;
    }

    private String log(String name) throws IOException {
        Path f = logs.resolve(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Live processes whose command line carries the worker marker and this parent pid. */
    private static List<ProcessHandle> workersOf(long parent) {
        return ProcessHandle.allProcesses().filter(p -> {
            Optional<String> line = p.info().commandLine();
            return line.isPresent() && line.get().contains(WorkerProcesses.MARKER)
                    && line.get().contains("parent=" + parent);
        }).toList();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"max_tokens\":4}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseWhileLoadingThenServeAndStopItsWorkersWhenTerminated() throws Exception {
        // Given
        int port = freePort();
        Process sim = launch(port, "--sim-startup-delay", "1", "--sim-workers", "2");

        // When it is loading, Then connections are refused and the workers already exist
        await().atMost(Duration.ofSeconds(10)).until(() -> log("out.log").contains("Waiting for 1 local"));
        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(ConnectException.class);
        assertThat(workersOf(sim.pid())).hasSize(2);

        // When ready
        await().atMost(Duration.ofSeconds(10)).until(() -> log("err.log").contains("Application startup complete."));

        // Then
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);
        assertThat(log("out.log")).contains("Starting vLLM API server 0 on http://127.0.0.1:" + port);
        List<ProcessHandle> workers = workersOf(sim.pid());
        assertThat(workers).hasSize(2).allMatch(w -> w.parent().map(ProcessHandle::pid).orElse(-1L) == sim.pid());

        // When SIGTERM
        sim.destroy();

        // Then the process exits cleanly and takes its workers along
        assertThat(sim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(log("err.log")).contains("Application shutdown complete.");
    }

    @Test
    void shouldLeaveOrphanedWorkersBehindWhenKilled() throws Exception {
        // Given
        int port = freePort();
        Process sim = launch(port, "--sim-workers", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> log("err.log").contains("Application startup complete."));
        List<ProcessHandle> workers = workersOf(sim.pid());
        assertThat(workers).hasSize(1);

        // When SIGKILL
        sim.destroyForcibly();
        assertThat(sim.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // Then, like an orphaned EngineCore, the worker lives on (the @AfterEach kills it), as one process that
        // carries the marker and has no children of its own
        Thread.sleep(300);
        assertThat(workers).allMatch(ProcessHandle::isAlive);
        assertThat(workersOf(sim.pid())).hasSize(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> workers.get(0).children().count() == 0);
    }

    @Test
    void shouldExitAbruptlyWithTheCrashCodeWhenRequestNPlusOneArrives() throws Exception {
        // Given
        int port = freePort();
        Process sim = launch(port, "--sim-crash-after-requests", "1", "--sim-crash-exit-code", "3",
                "--sim-workers", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> log("err.log").contains("Application startup complete."));
        assertThat(chat(port).statusCode()).isEqualTo(200);

        // When
        assertThatThrownBy(() -> chat(port)).isInstanceOf(IOException.class);

        // Then
        assertThat(sim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.exitValue()).isEqualTo(3);
        assertThat(workersOf(sim.pid())).hasSize(1);
    }

    @Test
    void shouldPrintUsageAndExitTwoWhenAFlagValueIsInvalid() throws Exception {
        // When
        Process sim = launch(freePort(), "--max-num-seqs", "lots");

        // Then
        assertThat(sim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.exitValue()).isEqualTo(2);
        assertThat(log("err.log")).contains("error: argument --max-num-seqs: invalid int value: 'lots'");
    }
}
